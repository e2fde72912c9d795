/**
 * Bytes → text, for files as people actually have them: UTF-8 (with or without a BOM), UTF-16
 * or UTF-32 with a byte-order mark, UTF-16 without one, a legacy code page (Windows-1258,
 * TCVN3, VISCII, or any other chardet recognises), and Vietnamese garbled by an earlier
 * conversion (mojibake, a TCVN3/VNI font read as Windows-1252). Conversions use iconv-lite,
 * detection chardet; a garbled text is repaired only when the repair is exact, otherwise the
 * file is refused with one line naming it — nothing garbled reaches the index.
 *
 * @see https://github.com/ashtuchkin/iconv-lite
 * @see https://github.com/runk/node-chardet
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { IngestError } from '../errors.ts';
import { decodeVni, MOJIBAKE_HINT, reinterpretCodePage, repairMojibake, type LegacyRepair, type RepairAttempt } from './legacy-text.ts';
import { vietnameseValidity } from './syllable.ts';

export type { LegacyRepair } from './legacy-text.ts';

/** How a file's bytes became its text; `note` is the one line the ingest report shows. */
export interface Decoding {
  /** The encoding the bytes were read in: `UTF-8`, `UTF-16LE`, `windows-1258`, `tcvn`, … */
  encoding: string;
  /** How the encoding was known: plain UTF-8, a byte-order mark, or detection. */
  how: 'utf-8' | 'bom' | 'detected';
  /** The repair made to garbled text, if any. */
  repair: LegacyRepair | null;
  /** What was converted or repaired, in one line; null for a plain UTF-8 file. */
  note: string | null;
}

/** A decoded text must read as Vietnamese at least this well for a repair or legacy code page to be chosen. */
const GOOD_RATIO = 0.8;
/** …and a repair must improve on the text as it is by at least this much. */
const MIN_GAIN = 0.3;
/** chardet's confidence (0–100) needed to accept a non-Vietnamese legacy code page it names. */
const MIN_CHARDET_CONFIDENCE = 50;

const REPAIR_LABEL: Readonly<Record<LegacyRepair, string>> = {
  mojibake: 'mojibake (UTF-8 read as Windows-1252 and saved again)',
  tcvn3: 'TCVN3 (ABC, .VnTime font) text read as Windows-1252',
  viscii: 'VISCII text read as Windows-1252',
  'windows-1258': 'Windows-1258 text read as Windows-1252',
  vni: 'VNI font text',
};

const BOMS: readonly { bytes: number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'UTF-8' },
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: 'UTF-32LE' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: 'UTF-32BE' },
  { bytes: [0xff, 0xfe], encoding: 'UTF-16LE' },
  { bytes: [0xfe, 0xff], encoding: 'UTF-16BE' },
];

/**
 * Decodes a file's bytes to NFC text, converting and repairing as the module comment says.
 * Throws `IngestError` (`binary`, `encoding`) with a one-line reason naming `rel`.
 */
export function decodeBytes(rel: string, bytes: Uint8Array): { text: string; decoding: Decoding } {
  const bom = BOMS.find((b) => b.bytes.every((x, i) => bytes[i] === x));
  let text: string;
  let decoding: Decoding;
  if (bom) {
    text = decodeUnicode(rel, bytes.subarray(bom.bytes.length), bom.encoding);
    decoding = { encoding: bom.encoding, how: 'bom', repair: null, note: bom.encoding === 'UTF-8' ? null : `decoded from ${bom.encoding} (byte-order mark)` };
  } else {
    const utf16 = sniffUtf16(bytes);
    if (utf16) {
      text = decodeUnicode(rel, bytes, utf16);
      decoding = { encoding: utf16, how: 'detected', repair: null, note: `decoded from ${utf16} without a byte-order mark (every other byte is NUL)` };
    } else {
      const binaryAt = findBinaryByte(bytes);
      if (binaryAt !== -1) {
        throw new IngestError(rel, 'binary', `binary file (control byte 0x${hex(bytes[binaryAt]!)} at offset ${binaryAt}), not text`);
      }
      const utf8 = tryUtf8(bytes);
      if (utf8 !== null) {
        text = utf8;
        decoding = { encoding: 'UTF-8', how: 'utf-8', repair: null, note: null };
      } else {
        ({ text, decoding } = decodeLegacy(rel, bytes));
      }
    }
  }
  const control = findControlChar(text);
  if (control !== -1) {
    throw new IngestError(rel, 'binary', `binary data after decoding ${decoding.encoding} (control character U+${text.charCodeAt(control).toString(16).toUpperCase().padStart(4, '0')} at character ${control}), not text`);
  }
  text = text.normalize('NFC');
  if (decoding.repair === null) {
    const repaired = repairText(rel, text);
    if (repaired) {
      text = repaired.text;
      decoding = {
        ...decoding,
        repair: repaired.repair,
        note: `${decoding.note ? `${decoding.note}; ` : ''}repaired ${REPAIR_LABEL[repaired.repair]}: ${repaired.changed} piece(s), round trip exact`,
      };
    }
  }
  refuseLostText(rel, text);
  return { text, decoding };
}

/**
 * Finds and undoes one exact repair of garbled Vietnamese, or returns null when the text reads
 * as it should. Throws when the text is clearly garbled but no exact repair exists.
 */
export function repairText(rel: string, text: string): RepairAttempt | null {
  const base = vietnameseValidity(text);
  if (base.words === 0) return null;
  // Mojibake sequences are specific enough to repair where they are, even in a mostly good text.
  const mojibake = MOJIBAKE_HINT.test(text) ? repairMojibake(text) : null;
  if (mojibake && mojibake.changed > 0) {
    const after = vietnameseValidity(mojibake.text);
    if (mojibake.exact && after.ratio > base.ratio) return mojibake;
    // A byte lost on the way ("á»?"): the part that can be repaired shows what it was.
    if (!mojibake.exact && mojibake.changed >= 2) throw garbled(rel, mojibake);
  }
  // A whole-text misreading (legacy code page, VNI) must lift the text by MIN_GAIN to GOOD_RATIO,
  // which a text already reading this well cannot need.
  if (base.ratio > GOOD_RATIO - MIN_GAIN) return null;
  const attempts = [
    reinterpretCodePage(text, 'tcvn3'),
    reinterpretCodePage(text, 'viscii'),
    reinterpretCodePage(text, 'windows-1258'),
    decodeVni(text),
  ].filter((a) => a.changed > 0);
  let best: { attempt: RepairAttempt; ratio: number } | null = null;
  for (const attempt of attempts) {
    const v = vietnameseValidity(attempt.text);
    if (v.words >= 2 && (!best || v.ratio > best.ratio)) best = { attempt, ratio: v.ratio };
  }
  if (best && best.ratio >= GOOD_RATIO && best.ratio - base.ratio >= MIN_GAIN) {
    if (best.attempt.exact) return best.attempt;
    throw garbled(rel, best.attempt);
  }
  return null;
}

function garbled(rel: string, attempt: RepairAttempt): IngestError {
  const at = attempt.broken ? ` (line ${attempt.broken.line}: "${attempt.broken.sample}")` : '';
  return new IngestError(rel, 'encoding', `garbled text: ${REPAIR_LABEL[attempt.repair]} that cannot be repaired exactly${at}; re-save the original as UTF-8`);
}

/** U+FFFD in a text means an earlier conversion already lost characters: refuse rather than index holes. */
function refuseLostText(rel: string, text: string): void {
  const at = text.indexOf('\uFFFD');
  if (at === -1) return;
  const count = text.split('\uFFFD').length - 1;
  const line = text.slice(0, at).split('\n').length;
  throw new IngestError(rel, 'encoding', `garbled text: ${count} replacement character(s) U+FFFD (first on line ${line}): an earlier conversion lost characters; re-save the original as UTF-8`);
}

/** Strict decoding of a Unicode encoding; a malformed sequence is an error naming the encoding. */
function decodeUnicode(rel: string, bytes: Uint8Array, encoding: string): string {
  if (encoding === 'UTF-8') {
    const text = tryUtf8(bytes);
    if (text === null) throw new IngestError(rel, 'encoding', `not valid UTF-8 after its byte-order mark (invalid byte at offset ${findInvalidUtf8(bytes) + 3})`);
    return text;
  }
  const unit = encoding.startsWith('UTF-32') ? 4 : 2;
  if (bytes.length % unit !== 0) throw new IngestError(rel, 'encoding', `not valid ${encoding}: ${bytes.length} bytes is not a whole number of ${unit}-byte units`);
  const text = iconv.decode(Buffer.from(bytes), encoding.toLowerCase(), { stripBOM: false });
  // iconv-lite replaces an unpaired surrogate by U+FFFD; the caller refuses such holes, but say why here.
  if (text.includes('\uFFFD') && !bytesHaveReplacement(bytes, encoding)) {
    throw new IngestError(rel, 'encoding', `not valid ${encoding} (an unpaired surrogate or out-of-range code point)`);
  }
  return text;
}

function bytesHaveReplacement(bytes: Uint8Array, encoding: string): boolean {
  const fffd = encoding.endsWith('BE') ? (encoding.startsWith('UTF-32') ? [0, 0, 0xff, 0xfd] : [0xff, 0xfd]) : encoding.startsWith('UTF-32') ? [0xfd, 0xff, 0, 0] : [0xfd, 0xff];
  return Buffer.from(bytes).indexOf(Buffer.from(fffd)) !== -1;
}

/** UTF-16 without a BOM: in Latin text, every other byte is NUL. */
function sniffUtf16(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  if (oddNul >= 0.4 * half && evenNul <= 0.02 * half) return 'UTF-16LE';
  if (evenNul >= 0.4 * half && oddNul <= 0.02 * half) return 'UTF-16BE';
  return null;
}

/** A legacy code page: the one whose text reads best as Vietnamese, else chardet's confident guess. */
function decodeLegacy(rel: string, bytes: Uint8Array): { text: string; decoding: Decoding } {
  const guesses = (chardet.analyse(bytes) ?? []).filter((g) => g.confidence >= 10 && iconv.encodingExists(g.name));
  const names = [...new Set([...guesses.map((g) => g.name), 'windows-1258', 'tcvn', 'viscii', 'windows-1252'])];
  let best: { name: string; text: string; repair: RepairAttempt | null; ratio: number } | null = null;
  let firstRefusal: IngestError | null = null;
  for (const name of names) {
    if (/^(UTF|ASCII)/i.test(name)) continue;
    const raw = iconv.decode(Buffer.from(bytes), name);
    if (raw.includes('\uFFFD') || findControlChar(raw) !== -1) continue;
    const nfc = raw.normalize('NFC');
    let repair: RepairAttempt | null;
    try {
      repair = repairText(rel, nfc);
    } catch (err) {
      firstRefusal ??= err as IngestError;
      continue;
    }
    const text = repair?.text ?? nfc;
    const v = vietnameseValidity(text);
    // Ties go to the direct decoding (bytes in TCVN3 read as TCVN3, not as Latin-1 then repaired).
    const better = !best || v.ratio > best.ratio || (v.ratio === best.ratio && best.repair !== null && repair === null);
    if (v.words >= 2 && v.ratio >= GOOD_RATIO && better) best = { name, text, repair, ratio: v.ratio };
  }
  const at = findInvalidUtf8(bytes);
  const why = `not UTF-8 (invalid byte 0x${hex(bytes[at] ?? 0)} at offset ${at})`;
  if (best) {
    return {
      text: best.text,
      decoding: {
        encoding: best.name,
        how: 'detected',
        repair: best.repair?.repair ?? null,
        note: `${why}: converted from ${best.name} (the code page whose text reads as Vietnamese)` + (best.repair ? `; repaired ${REPAIR_LABEL[best.repair.repair]}` : ''),
      },
    };
  }
  const top = guesses.find((g) => !/^(UTF|ASCII)/i.test(g.name));
  if (top && top.confidence >= MIN_CHARDET_CONFIDENCE) {
    const raw = iconv.decode(Buffer.from(bytes), top.name);
    if (!raw.includes('\uFFFD')) {
      return {
        text: raw,
        decoding: { encoding: top.name, how: 'detected', repair: null, note: `${why}: converted from ${top.name} (chardet, ${top.confidence}% confident${top.lang ? `, language ${top.lang}` : ''})` },
      };
    }
  }
  if (firstRefusal) throw firstRefusal;
  throw new IngestError(
    rel,
    'encoding',
    `${why} and no code page fits${top ? ` (chardet's best guess ${top.name} at ${top.confidence}%)` : ''}; save it as UTF-8`,
  );
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return null;
  }
}

/** Index of the first NUL or C0 control byte other than tab/newline/CR/form feed (or DEL), or -1. */
function findBinaryByte(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length, 1 << 20);
  for (let i = 0; i < limit; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return i;
    if (b === 0x7f) return i;
  }
  return -1;
}

/** The same check on decoded text (UTF-16 and legacy code pages can hide control bytes). */
function findControlChar(text: string): number {
  // eslint-disable-next-line no-control-regex
  const m = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/u.exec(text.slice(0, 1 << 20));
  return m ? m.index : -1;
}

/** Offset of the first byte that breaks UTF-8 well-formedness (for the error message). */
function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

function hex(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}
