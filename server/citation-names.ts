/**
 * Bylines → CSL name objects, for references. Vietnamese personal names are written family name
 * first ("Nguyễn Thu Hà": family "Nguyễn", given "Thu Hà"); a pen name with no family name
 * ("Bảo Chi", "Anh Sơn") or an abbreviated one ("D.Ngọc") stays one literal name, because
 * splitting it would invent a surname; several reporters in one byline ("D.Ngọc - M.Chiến",
 * "Văn A và Thị B") are several authors. A non-Vietnamese name in an English article
 * ("John Smith") is given name first.
 *
 * A name is read as family-first when its first word is a Vietnamese family name: the common
 * family names (Nguyễn, Trần, Lê, … cover most of the population) plus the first word of every
 * person the knowledge base knows, so the list grows with the KB instead of being typed per name.
 * @see https://en.wikipedia.org/wiki/Vietnamese_name#Family_name
 * @see https://docs.citationstyles.org/en/stable/specification.html#name-variables (CSL name parts, `literal`)
 */
import { foldDiacritics, hasDiacritics, toNfc } from '../lib/vietnamese.ts';

/** A CSL-JSON name: a person split into parts, or one literal name. */
export type CslName = { family: string; given: string } | { literal: string };

/**
 * Vietnamese family names, most common first (the first fourteen are borne by about nine in
 * ten people). Compared without diacritics too, so "Nguyen Thu Ha" is read the same way.
 */
export const VIETNAMESE_FAMILY_NAMES: readonly string[] = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý',
  'Đào', 'Đoàn', 'Đinh', 'Trịnh', 'Trương', 'Vương', 'Lâm', 'Lương', 'Lưu', 'Mai', 'Tô', 'Tạ', 'Cao', 'Chu', 'Châu',
  'Phùng', 'Quách', 'Hứa', 'Lại', 'Triệu', 'Thái', 'Tăng', 'Tôn', 'Tống', 'Mạc', 'Kiều', 'Khổng', 'Khúc', 'Kim', 'La',
  'Lục', 'Nghiêm', 'Ông', 'Phí', 'Quan', 'Thân', 'Từ', 'Viên', 'Âu', 'Đàm', 'Diệp', 'Doãn', 'Giang', 'Hà',
  'Hầu', 'Khuất', 'Lã', 'Lò', 'Mạnh', 'Nông', 'Ninh', 'Phó', 'Tiêu', 'Trình', 'Vi', 'Yên',
];

/**
 * Separators between reporters in a byline: a spaced dash, "và"/"and", "&", a comma, a
 * semicolon or a slash. A dash inside a name ("Marie-José") has no spaces around it and stays.
 */
const AUTHOR_SEPARATOR = /\s+[-–—]\s+|\s+(?:và|and|&)\s+|\s*[,;/]\s*/iu;

/**
 * The key a word is looked up by: lower-case as written when it has diacritics ("Tổng" is not
 * "Tống"), folded when typed without any ("Nguyen" is "Nguyễn").
 */
function nameKey(word: string): string {
  const w = toNfc(word).toLowerCase();
  return hasDiacritics(w) ? w : foldDiacritics(w);
}

/** The set of family names to read names with: the common ones plus the KB people's first words. */
export function familyNameSet(knownPeople: readonly { name: string }[] = []): ReadonlySet<string> {
  const keys = new Set<string>();
  const add = (word: string) => {
    keys.add(toNfc(word).toLowerCase());
    keys.add(foldDiacritics(toNfc(word)).toLowerCase());
  };
  VIETNAMESE_FAMILY_NAMES.forEach(add);
  for (const p of knownPeople) {
    const first = toNfc(p.name).trim().split(/\s+/)[0];
    if (first && p.name.trim().split(/\s+/).length >= 2) add(first);
  }
  return keys;
}

/** True when a word is a family name of the set (see `nameKey`). */
export function isFamilyName(word: string, families: ReadonlySet<string>): boolean {
  return families.has(nameKey(word));
}

const DEFAULT_FAMILY_NAMES = familyNameSet();

/** True when a name carries Vietnamese letters or tone marks beyond plain ASCII. */
function looksVietnamese(name: string): boolean {
  return /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu.test(name);
}

/** One name of a byline as a CSL name. */
export function parsePersonalName(raw: string, opts: { language?: string; familyNames?: ReadonlySet<string> } = {}): CslName | null {
  const name = toNfc(raw).replace(/\s+/g, ' ').trim();
  if (!name) return null;
  const words = name.split(' ');
  // An initial glued to a name ("D.Ngọc") or any abbreviation: which part is the family name is unknown.
  if (words.length < 2 || /\./u.test(name)) return { literal: name };
  const families = opts.familyNames ?? DEFAULT_FAMILY_NAMES;
  if (isFamilyName(words[0] as string, families)) return { family: words[0] as string, given: words.slice(1).join(' ') };
  // Western order only where the article is not Vietnamese and the name is not written in Vietnamese.
  if ((opts.language ?? 'vi') !== 'vi' && !looksVietnamese(name) && words.every((w) => /^\p{Lu}/u.test(w))) {
    return { family: words[words.length - 1] as string, given: words.slice(0, -1).join(' ') };
  }
  return { literal: name };
}

/** Every author of a byline: "D.Ngọc - M.Chiến" → two literal names; "Nguyễn Thu Hà" → family + given. */
export function parseByline(byline: string | null | undefined, opts: { language?: string; familyNames?: ReadonlySet<string> } = {}): CslName[] {
  if (!byline) return [];
  return toNfc(byline)
    .split(AUTHOR_SEPARATOR)
    .map((part) => parsePersonalName(part, opts))
    .filter((n): n is CslName => n !== null);
}

/** "Nguyễn, Thu Hà" (a person) or "{Bảo Chi}" (a literal, braced so BibTeX keeps it whole). */
export function bibtexName(n: CslName, escape: (s: string) => string): string {
  return 'literal' in n ? `{${escape(n.literal)}}` : `${escape(n.family)}, ${escape(n.given)}`;
}

/** "Nguyễn Thu Hà" as printed: Vietnamese order for a Vietnamese name, given-first otherwise. */
export function displayName(n: CslName, language = 'vi'): string {
  if ('literal' in n) return n.literal;
  return language !== 'vi' && !looksVietnamese(n.family + n.given) && !isFamilyName(n.family, DEFAULT_FAMILY_NAMES) ? `${n.given} ${n.family}` : `${n.family} ${n.given}`;
}
