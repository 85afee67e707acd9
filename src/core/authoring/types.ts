/** Offsets into the text of the whole file (UTF-16 code units, as in VS Code's `offsetAt`). */
export interface TextRange {
  start: number;
  end: number;
}

export interface TextEdit {
  range: TextRange;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** Only when the fix is certainly what the author meant. */
  preferred?: boolean;
}

export type Severity = 'error' | 'warning' | 'information';

export interface ManifestDiagnostic {
  range: TextRange;
  message: string;
  severity: Severity;
  /** `yaml.<code>`, `schema.<keyword>`, `lint.<rule>` or `server.<reason>`. */
  code: string;
  fixes?: QuickFix[];
}

export function shiftRange(range: TextRange, by: number): TextRange {
  return { start: range.start + by, end: range.end + by };
}

export function shiftDiagnostic(diagnostic: ManifestDiagnostic, by: number): ManifestDiagnostic {
  if (by === 0) return diagnostic;
  return {
    ...diagnostic,
    range: shiftRange(diagnostic.range, by),
    fixes: diagnostic.fixes?.map((fix) => ({
      ...fix,
      edits: fix.edits.map((edit) => ({ ...edit, range: shiftRange(edit.range, by) })),
    })),
  };
}
