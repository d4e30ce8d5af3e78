import { z } from 'zod';

/** A chosen import file, read and checked to hold a JSON array of records. */
export interface ImportFile {
  readonly fileName: string;
  readonly records: readonly unknown[];
}

/** Reads a chosen file; rejects with a readable message when it is not a JSON array (as Export writes). */
export async function readImportFile(file: File): Promise<ImportFile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch {
    throw new Error(`${file.name} is not a JSON file.`);
  }
  const records = z.array(z.unknown()).safeParse(parsed);
  if (!records.success) {
    throw new Error(`${file.name} must hold a JSON array of records, as Export writes.`);
  }
  return { fileName: file.name, records: records.data };
}
