import picomatch from 'picomatch';
import { foldName } from '../policy/glob.js';

/**
 * A limit's glob (over agent, user or tool names) as the limiter compiles it: a limit restricts, so it matches names
 * as a deny does, in every case and compatibility form. The matcher takes a name already in `foldName` form (the
 * limiter folds each name once for all its rules). The config schema compiles every limit glob with this too.
 */
export function limitGlob(pattern: string): (folded: string) => boolean {
  return picomatch(foldName(pattern), { dot: true });
}
