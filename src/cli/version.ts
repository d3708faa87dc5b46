export { packageVersion } from '../core/version.js';
