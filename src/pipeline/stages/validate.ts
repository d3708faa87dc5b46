import { GatewayError } from '../../core/errors.js';
import type { ArgsValidator } from '../../validation/index.js';
import type { Stage } from '../stage.js';
import { clipForDisplay } from '../../core/text.js';

/**
 * Arguments are checked against the tool's input schema before anything leaves the gateway. The error names
 * each field and rule; it is a tool result the agent can act on. The validator is shared with backends that
 * check on their own when called directly (OpenAPI), keyed `<backend>:<local name>`: each schema compiles once,
 * and the backend skips its own check for calls the pipeline validated (`argsValidated`). A backend's own checks
 * beyond the schema (`checkArgs`: OpenAPI path parameters that would traverse) are refused the same way.
 */
export function validateStage(validator: ArgsValidator): Stage {
  return {
    id: 'validate',
    run(call) {
      const entry = call.entry;
      if (!entry) throw new GatewayError('internal', undefined, 'validate without resolve');
      const check = validator.validate(
        `${entry.backend.name}:${entry.localName}`,
        entry.definition.inputSchema,
        call.args,
      );
      const beyond = check.ok ? entry.backend.checkArgs?.(entry.localName, call.args) : undefined;
      if (!check.ok || beyond !== undefined) {
        const fields = check.ok ? [beyond!] : check.errors.map((e) => e.message);
        call.record.reasons.push(...fields.map((f) => `invalid argument: ${f}`));
        throw new GatewayError(
          'args.invalid',
          `Invalid arguments for ${clipForDisplay(call.toolName)}: ${fields.join('; ')}`,
        );
      }
      call.argsValidated = true;
    },
  };
}
