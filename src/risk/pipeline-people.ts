/**
 * People in sales and hiring pipelines (twenty-eighth round; docs/risk.md, personal data).
 *
 * Two kinds of business records are records of persons under another name:
 * - a sales lead: a prospective customer as a CRM keeps it (a person's or a company contact's name, e-mail and phone
 *   number, the source they came from: the record the CRM later converts into a contact), so reading, searching or
 *   adding leads reads or adds people's records, as `get_customer` and `add_contact` do; a lead's settings (its
 *   sources, stages, statuses, fields or labels) are configuration;
 * - in an applicant tracking system, a job application (an applicant's CV, contact details and answers, and where they
 *   stand in the hiring process) and the notes, feedback, evaluations, scorecards and interviews about a candidate or
 *   applicant: records about an identified person (GDPR Art. 4(1)), as an employee's pay statement is (HR records,
 *   personal-records.ts). An application counts only where the tool's words say hiring (a job, a candidate, an
 *   applicant, an interview, recruiting): elsewhere an application is software (an OAuth client, a hosted app).
 */
import { stem } from './tokens.js';

/** Nouns a lead qualifies: its settings and the containers of leads ("lead lists": the lists, not the people). */
const leadSettings = new Set(
  [
    'source',
    'stage',
    'status',
    'field',
    'label',
    'type',
    'time',
    'setting',
    'form',
    'list',
    'group',
    'segment',
    'view',
    'filter',
    'tag',
  ].map(stem),
);
const hiringWords = new Set(
  [
    'job',
    'hiring',
    'hire',
    'candidate',
    'applicant',
    'interview',
    'recruiting',
    'recruiter',
    'recruitment',
    'vacancy',
  ].map(stem),
);
const aboutPerson = new Set(['note', 'feedback', 'evaluation', 'scorecard', 'interview', 'assessment'].map(stem));
const hiringPersons = new Set(['candidate', 'applicant'].map(stem));

/**
 * Why a tool's name (its words, `idWords`; with an OpenAPI operation's path words) names people in a sales or hiring
 * pipeline (see the module comment), if it does; `opening` is the description's first sentence's words.
 */
export function pipelinePeopleReason(
  idWords: readonly string[],
  pathWords: readonly string[],
  opening: readonly string[],
): string | undefined {
  const names = pathWords.length > 0 ? [...idWords, ...pathWords] : idWords;
  const stems = names.map(stem);
  for (let i = 0; i < stems.length; i++) {
    const w = stems[i];
    if (w === 'lead' && !leadSettings.has(stems[i + 1] ?? ''))
      return `'${names[i]}' are prospective customers' records`;
    if (hiringPersons.has(w ?? '') && aboutPerson.has(stems[i + 1] ?? ''))
      return `'${names[i]} ${names[i + 1]}' are records about a person in a hiring process`;
    if (w === 'application' && [...stems, ...opening.slice(0, 30).map(stem)].some((x) => hiringWords.has(x)))
      return `'${names[i]}' are job applications (an applicant's record)`;
  }
  return undefined;
}
