/**
 * Faces are biometric data (twenty-fifth round; docs/risk.md, personal-data).
 *
 * A face image, a face list, a face search or a profile's faces identify a person by their body: biometric data, a
 * special category of personal data (GDPR Art. 9(1); Art. 4(14) defines it as data from "specific technical processing
 * relating to the physical, physiological or behavioural characteristics of a natural person, which allow or confirm
 * the unique identification of that natural person, such as facial images or dactyloscopic data"). So a tool whose
 * name, path or opening sentence speaks of faces (face detection, recognition, matching, a person's face entries)
 * touches personal data, whether it reads or changes them. Not Hugging Face (a company), a typeface or font face, a
 * clock face or a face value.
 */
const faceWords = new Set(['face', 'faces', 'facial', 'biometric', 'biometrics']);
/** Words before "face" that make it a name or a thing, not a person's face. */
const notAPersonBefore = new Set(['hugging', 'font', 'type', 'clock', 'watch', 'cube', 'user']);
const notAPersonAfter = new Set(['value', 'values', 'plate', 'card']);

/** Why the tool touches biometric data, if its words speak of faces (module comment). */
export function biometricReason(wordLists: ReadonlyArray<readonly string[]>): string | undefined {
  for (const words of wordLists)
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!.toLowerCase();
      if (!faceWords.has(w)) continue;
      if (notAPersonBefore.has(words[i - 1]?.toLowerCase() ?? '')) continue;
      if (notAPersonAfter.has(words[i + 1]?.toLowerCase() ?? '')) continue;
      return `'${w}': a person's face is biometric data`;
    }
  return undefined;
}
