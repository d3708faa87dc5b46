/**
 * Patterns of published tool-poisoning attacks (Invariant Labs' `<IMPORTANT>` sidenote attack,
 * tool shadowing, rug pulls, ASCII smuggling) as bounded, linear-time regular expressions.
 */
import type { Finding, FindingSeverity } from './types.js';

export interface InstructionRule {
  kind: string;
  severity: FindingSeverity;
  pattern: RegExp;
  message: string;
}

const user = String.raw`(?:the\s+)?(?:user|human|operator|person|customer)s?`;
const pass = String.raw`(?:include|pass|send|put|copy|append|attach|paste|provide|add|insert|forward|upload|embed|leak|exfiltrate)`;

export const instructionRules: readonly InstructionRule[] = [
  {
    kind: 'instruction-override',
    severity: 'critical',
    pattern:
      /\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+|of\s+)*(?:previous|prior|above|earlier|preceding|other|system|safety|original)\s+(?:instructions?|prompts?|rules|directions|guidelines|messages|policies)/i,
    message: 'tells the model to ignore its instructions',
  },
  {
    kind: 'conceal-from-user',
    severity: 'critical',
    pattern: new RegExp(
      String.raw`\b(?:do\s+not|don'?t|never|without)\s+(?:tell(?:ing)?|inform(?:ing)?|mention(?:ing)?|notify(?:ing)?|alert(?:ing)?|reveal(?:ing)?|show(?:ing)?|let(?:ting)?|disclos(?:e|ing)|warn(?:ing)?)\s+(?:this\s+|it\s+|anything\s+)?(?:to\s+)?${user}\b|\b${user}\s+(?:must|should|need)\s+(?:not|never)\s+(?:know|see|notice|be\s+(?:told|informed|aware))|\bkeep\s+(?:this|it|that)\s+(?:a\s+)?(?:secret|hidden|confidential)\s+from\b`,
      'i',
    ),
    message: 'tells the model to hide something from the user',
  },
  {
    kind: 'conceal-from-user',
    severity: 'critical',
    pattern:
      /\b(?:do\s+not|don'?t|never)\s+(?:mention|reveal|disclose|say)\s+(?:that\s+you|this\s+(?:instruction|step|file|tool|requirement)|these\s+(?:instructions|steps)|the\s+(?:file|instructions?|sidenote))/i,
    message: 'tells the model to keep its actions quiet',
  },
  {
    kind: 'deceive-user',
    severity: 'critical',
    pattern: new RegExp(
      String.raw`\b(?:pretend|act\s+as\s+if|lie\s+to|mislead|deceive|trick)\b[^.\n]{0,40}${user}|\b(?:tell|assure|reassure)\s+${user}\s+(?:that\s+)?(?:everything|it)\s+(?:is|was|went)\s+(?:fine|ok|okay|successful|well)`,
      'i',
    ),
    message: 'tells the model to deceive the user',
  },
  {
    kind: 'prompt-delimiter-injection',
    severity: 'critical',
    pattern:
      /<\|(?:im_start|im_end|system|endoftext|start_header_id)\|>|\[\/?(?:system|inst)\]|^\s*#{2,}\s*(?:system|new instructions)\b/im,
    message: 'contains chat-template delimiters or a fake system section',
  },
  {
    kind: 'hidden-instruction-tag',
    severity: 'high',
    pattern: /<\s*(?:important|system|instructions?|secret|hidden|admin|sudo|assistant|context)\s*>/i,
    message: 'contains an instruction tag aimed at the model',
  },
  {
    kind: 'context-exfiltration',
    severity: 'critical',
    pattern: new RegExp(
      String.raw`\b${pass}\b[^.\n]{0,80}\b(?:system\s+prompt|conversation\s+history|chat\s+history|previous\s+messages|entire\s+conversation|full\s+conversation|whole\s+conversation|all\s+(?:previous\s+|prior\s+)?messages|(?:your|the)\s+instructions)\b`,
      'i',
    ),
    message: 'asks the model to pass on its conversation or instructions',
  },
  {
    kind: 'credential-harvest',
    severity: 'high',
    pattern: new RegExp(
      String.raw`\b(?:${pass}|read|collect|extract|gather|look\s+up)\b[^.\n]{0,60}\b(?:api[\s_-]?keys?|passwords?|credentials|secret\s+keys?|private\s+keys?|ssh\s+keys?|access\s+(?:tokens?|keys?)|(?:(?!page\s|next\s|continuation\s|sync\s|cursor\s)\w+\s)?(?<!page\s|next\s|continuation\s|sync\s|cursor\s)tokens?|session\s+cookies?|env(?:ironment)?\s+variables)\b(?!\s*\(?(?:names?|types?|ids?|identifiers?|counts?|formats?|lengths?)\b)[^.\n]{0,60}\b(?:as|in(?:to)?|to|via)\s+(?:the\s+|a\s+|this\s+)?(?:['"\`]?[\w-]{1,30}['"\`]?\s+)?['"\`]?(?:parameter|param|field|argument|side\s?note|note|notes|context|metadata|comment|feedback)\b`,
      'i',
    ),
    message: 'asks the model to put credentials into a tool argument',
  },
  {
    kind: 'covert-parameter',
    severity: 'high',
    pattern: /\b(?:as|in(?:to)?|via)\s+(?:a\s+|the\s+)?['"`]?side[\s_-]?note['"`]?/i,
    message: 'routes data through a side-channel parameter',
  },
  {
    kind: 'behaviour-override',
    severity: 'critical',
    pattern:
      /\bwhen(?:ever)?\s+(?:any\s+other|any|another|other|a\s+different)\s+(?:tool|server|function)\b[^.\n]{0,60}\b(?:is\s+)?(?:called|used|invoked|available)|\b(?:all|every|any)\s+(?:e-?mails?|messages?|payments?|transfers?)\s+(?:must|should|need\s+to|have\s+to)\s+(?:also\s+)?be\s+(?:sent|forwarded|copied|bcc'?d|cc'?d|redirected|routed)\s+to|\b(?:change|replace|set|rewrite)\s+the\s+(?:recipient|destination|to[\s-]address|receiver|beneficiary|iban|account\s+number)s?\s+(?:to|with)\b|\b(?:secretly|silently)\s+(?:bcc|cc|forward|send|copy|upload)\b|\b(?:always|also)\s+(?:bcc|cc|send\s+a\s+copy)\b/i,
    message: "instructs the model to change other tools' behaviour",
  },
  {
    kind: 'rug-pull',
    severity: 'high',
    pattern:
      /\b(?:after|once|from)\s+(?:the\s+)?(?:first|initial|\d+(?:st|nd|rd|th)?)\s+(?:call|use|run|invocation|time)s?\b[^.\n]{0,80}\b(?:instead|change|switch|behave|start|will\s+also)|\bon\s+(?:subsequent|later|future|all\s+following)\s+(?:calls|invocations)\b[^.\n]{0,60}\b(?:instead|also|will|must)\b|\b(?:this\s+)?(?:tool\s+)?description\s+(?:will|may|can)\s+(?:change|be\s+(?:updated|replaced))|\bonce\s+(?:the\s+user\s+)?(?:has\s+)?(?:approved|trusted|accepted|installed)\b/i,
    message: 'describes behaviour that changes after approval or first use',
  },
  {
    kind: 'command-injection',
    severity: 'critical',
    pattern:
      /\b(?:curl|wget)\s+\S+[^\n]{0,40}\|\s*(?:ba|z)?sh\b|\b(?:run|execute)\s+(?:the\s+following\s+)?(?:command|shell|script)\b[^.\n]{0,40}\b(?:curl|wget|rm\s+-rf|nc\s+-|base64\s+-d)/i,
    message: 'asks the model to run a download-and-execute or destructive shell command',
  },
  {
    kind: 'priority-hijack',
    severity: 'low',
    pattern:
      /\b(?:must|always)\s+(?:be\s+)?(?:called|used|invoked|run)\s+(?:first|before\s+(?:any|all|every)\s+other)/i,
    message: 'claims priority over other tools',
  },
];

const sensitivePathPattern =
  /(?:~|\$HOME|%USERPROFILE%)?\/?\.ssh\b[\w./-]*|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|\.aws\/credentials|\.cursor\/mcp\.json|\bmcp\.json\b|claude_desktop_config\.json|(?:^|[\s"'`(/])\.env(?:\.local)?\b|\/etc\/(?:passwd|shadow)|\.npmrc\b|\.pypirc\b|\.netrc\b|\.git-credentials\b|\.docker\/config\.json|\.kube\/config|\.gnupg\b|wallet\.dat|\.bash_history|\.zsh_history/i;

const accessVerb =
  /\b(?:read|cat|open|load|access|include|pass|send|attach|upload|copy|paste|extract|collect|dump|grab|exfiltrate|forward)\b/i;
const rejects =
  /\b(?:are|is|will\s+be|get|gets)\s+(?:rejected|blocked|denied|forbidden|refused|not\s+allowed|disallowed|excluded|ignored)\b/i;

/** A sensitive file or config path named in the text. */
export function sensitivePath(sentence: string): string | undefined {
  return sensitivePathPattern.exec(sentence)?.[0].trim();
}

/** A sensitive path together with a verb that reads or passes it on (not a "paths … are rejected" note). */
export function sensitivePathWithAction(sentence: string): string | undefined {
  const path = sensitivePath(sentence);
  if (path === undefined || rejects.test(sentence)) return undefined;
  return accessVerb.test(sentence) ? path : undefined;
}

const exfilHosts =
  /(?:^|\.)(?:webhook\.site|requestbin\.(?:com|net)|pipedream\.net|ngrok\.io|ngrok-free\.app|ngrok\.app|burpcollaborator\.net|oastify\.com|interact\.sh|oast\.(?:fun|me|pro|live|site|online)|beeceptor\.com|hookbin\.com|requestcatcher\.com|canarytokens\.com|trycloudflare\.com|serveo\.net|loca\.lt|localtunnel\.me|postb\.in|ptsv2\.com)$/i;
const sensitiveWord =
  /\b(?:secrets?|tokens?|passwords?|credentials?|api\s+keys?|private\s+keys?|ssh|cookies?|conversation|chat\s+history|system\s+prompt|env(?:ironment)?\s+variables|\.env|contents?\s+of\s+(?:the|your|this|that|every|all)\s+(?:files?|conversation|messages?|notes?|documents?|directory|folder|repo\w*))\b/i;
const templatedSecret =
  /(?:secret|token|passw|credential|conversation|history|prompt|env|ssh|cookie|session|api_?key|private|chat|messages)/i;
const sendVerb =
  /\b(?:send|post|upload|forward|transmit|submit|exfiltrate|beacon|report\s+back|make\s+a\s+request|curl|wget)\b/i;

export function urlFindings(text: string, where: string): Finding[] {
  const out: Finding[] = [];
  const re = /\bhttps?:\/\/[^\s"'<>)\]`]{1,500}/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const url = m[0];
    let host: string;
    try {
      host = new URL(url.replace(/[{}$]/g, 'x')).hostname;
    } catch {
      continue;
    }
    const sentence = sentenceAround(text, m.index, url.length);
    if (exfilHosts.test(host)) {
      out.push({
        severity: 'critical',
        kind: 'exfiltration-url',
        message: `URL to a request-capture host (${host}) in ${where}`,
      });
      continue;
    }
    const query = url.slice(url.indexOf(host) + host.length);
    const placeholders = query.match(/\{[^}]{1,40}\}|\$\{?[A-Za-z_]{2,40}|<[^>]{1,40}>/g) ?? [];
    const templated = placeholders.some((p) => templatedSecret.test(p));
    const instructed = sendVerb.test(sentence) && sensitiveWord.test(sentence.replace(url, ''));
    if (templated || instructed) {
      out.push({
        severity: 'critical',
        kind: 'exfiltration-url',
        message: `instructions to send data to ${host} in ${where}`,
      });
      continue;
    }
    if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) && !/^(?:127\.|10\.|192\.168\.|0\.0\.0\.0)/.test(host))
      out.push({
        severity: 'high',
        kind: 'ip-literal-url',
        message: `URL with a raw IP address (${host}) in ${where}`,
      });
  }
  return out;
}

function sentenceAround(text: string, index: number, length: number): string {
  const start = Math.max(text.lastIndexOf('.', index - 1), text.lastIndexOf('\n', index - 1), index - 200, 0);
  const endDot = text.indexOf('. ', index + length);
  const endNl = text.indexOf('\n', index + length);
  const ends = [endDot, endNl, index + length + 200, text.length].filter((x) => x >= 0);
  return text.slice(start, Math.min(...ends));
}
