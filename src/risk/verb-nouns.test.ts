/**
 * Words read as verbs that name something else (verb-nouns.ts, docs/risk.md): a GET whose operationId leads with a
 * never-lowered verb-noun in the plural reads that resource; "recall" reads a memory store. A singular verb leading a
 * GET's name and a recall of calls or products are not in the class. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('a plural verb-noun leading a GET names the resource read', () => {
  it('the runs of a timetable and the calls of a log are read', () => {
    const results = [
      classifyOperation('GET /v2/runs/line/{line_id}', 'Runs_ForLine', 'View the bus runs of a line', {
        line_id: str(),
      }),
      classifyOperation('GET /calls/{day}', 'Calls_ByDay', 'Call log entries of a day', { day: str() }),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).toEqual([]);
      expect(a.sideEffect).toBe('none');
      expect(a.level).toBe('low');
    }
  });

  it('a singular verb leading a GET still acts', () => {
    const a = classifyOperation('GET /pipelines/{id}/go', 'RunPipeline', 'Runs the pipeline', { id: str() });
    expect(a.sideEffect).not.toBe('none');
    expect(a.categories).toContain('code-execution');
  });
});

describe('"recall" reads what a memory store kept', () => {
  it('recalling memories is a read, not a call', () => {
    const results = [
      classifyTool(toolDef('recall', 'Find stored notes relevant to a topic.', { topic: str() }), mcpSource),
      classifyTool(toolDef('memory_recall', 'Bring back facts saved earlier.', { query: str() }), mcpSource),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).not.toContain('code-execution');
      expect(a.sideEffect).toBe('none');
    }
  });
});
