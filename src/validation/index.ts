export {
  createArgsValidator,
  toValidationErrors,
  type ArgsValidator,
  type ArgsValidationError,
  type ArgsValidationResult,
  type ArgsValidatorOptions,
} from './args-validator.js';
