/**
 * People in sales and hiring pipelines (pipeline-people.ts, ADR 0008): sales leads, job applications and the notes or
 * evaluations about a candidate are records of persons: `personal-data` when read or added. A lead's settings, a
 * software application and moving an application along its stages are not. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('people in sales and hiring pipelines', () => {
  it('reading or adding leads, job applications or notes about a candidate is personal data', () => {
    const results = [
      classifyTool(toolDef('list_leads', 'List the leads of the sales team', { owner: str() }), mcpSource),
      classifyOperation('GET /v2/leads/{id}', 'getLead', 'Get one lead', { id: str() }),
      classifyTool(
        toolDef('list_applications', 'List applications submitted to your open jobs', { job: str() }),
        mcpSource,
      ),
      classifyTool(
        toolDef('get_applicant_scorecards', 'Scorecards filled in after interviews', { id: str() }),
        mcpSource,
      ),
      classifyTool(toolDef('add_candidate_feedback', 'Add interview feedback', { id: str(), text: str() }), mcpSource),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).toContain('personal-data');
      expect(a.level).not.toBe('low');
    }
  });

  it("a lead's settings, a software application or moving an application's stage are not", () => {
    const results = [
      classifyTool(toolDef('list_lead_sources', 'List the sources leads can come from', {}), mcpSource),
      classifyTool(toolDef('get_lead_segments', 'Get the segments leads are sorted into', {}), mcpSource),
      classifyTool(toolDef('list_applications', 'List the registered OAuth applications', {}), mcpSource),
      classifyTool(
        toolDef('move_application_stage', 'Move a job application to another interview stage', {
          id: str(),
          stage: str(),
        }),
        mcpSource,
      ),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).not.toContain('personal-data');
  });
});
