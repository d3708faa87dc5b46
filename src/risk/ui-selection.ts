/**
 * "Select" reads in a query (SQL SELECT) but acts in a user interface: selecting a dropdown's option, an element, a
 * tab, a window, a frame or a browsing context changes the page's or browser's state (WebDriver: Element Click on an
 * option, Switch To Window/Frame; Playwright's `selectOption` fires the element's change events). A tool whose verb is
 * `select` and whose name or description's first sentence names such a user-interface object is a change.
 */
import { stem } from './tokens.js';

const uiObjects = new Set([
  'option',
  'dropdown',
  'element',
  'tab',
  'page',
  'window',
  'frame',
  'iframe',
  'context',
  'checkbox',
  'radio',
  'combobox',
  'listbox',
]);

/** Why selecting here changes a page's or browser's state, if it does (see the module comment). */
export function uiSelectionReason(idWords: readonly string[], openingWords: readonly string[]): string | undefined {
  if (!idWords.some((w) => w === 'select')) return undefined;
  const object = [...idWords, ...openingWords].map(stem).find((w) => uiObjects.has(w));
  return object === undefined
    ? undefined
    : `verb 'select' of a user-interface ${object}: a browser interaction changes the page's state`;
}
