/** A dataset candidate found on the page, before scoping and key assignment. */
export interface Entry {
  /** The name as shown (markup is removed by the collector). */
  name: string;
  url: string | null;
  /** Mode-specific raw fields; section and section_path are added later. */
  raw: Record<string, string>;
  /** Plain texts of the enclosing headings, outermost first. */
  sections: string[];
  /** 1-based line number, for reject records and error messages only (never a key). */
  line: number;
}

/** What a mode's scanner returns: entries plus facts worth a note. */
export interface ScanResult {
  entries: Entry[];
  notes: string[];
}
