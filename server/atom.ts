/**
 * An Atom 1.0 feed of passages (RFC 4287), written as text: the feed carries `id`, `title`,
 * `updated`, an `author` and `link rel="self"`/`"alternate"`; each entry `id`, `title`,
 * `updated`, `link rel="alternate"` to the passage permalink, the passage as `content`
 * (type text, verbatim), its speaker as `author` and its events as `category`.
 * Every value is XML-escaped; characters XML 1.0 forbids are dropped.
 * @see https://www.rfc-editor.org/rfc/rfc4287 (4.1.1 atom:feed, 4.1.2 atom:entry, 3.3 dates)
 */

/** One entry of the feed. */
export interface AtomEntry {
  /** Absolute URL of the passage page: the entry's id and link. */
  permalink: string;
  title: string;
  /** ISO date (`YYYY-MM-DD`) of the passage; null when undated. */
  date: string | null;
  text: string;
  /** Whose words these are, else the byline; null when neither is known. */
  author: string | null;
  categories: { term: string; label: string }[];
  /** The original article, when it has a URL (`link rel="related"`). */
  sourceUrl: string | null;
  source: string | null;
}

/** The feed itself. */
export interface AtomFeed {
  /** Absolute URL of this feed (its id and `rel="self"`). */
  selfUrl: string;
  /** Absolute URL of the search page the feed follows (`rel="alternate"`). */
  pageUrl: string;
  title: string;
  subtitle: string;
  /** Feed author (required when an entry has none): the archive. */
  author: string;
  entries: AtomEntry[];
}

/** Escapes text for XML content and attribute values, dropping characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** An ISO date as an RFC 3339 instant (midnight UTC), as Atom's date constructs require. */
export function atomDate(date: string): string {
  const [y, m = '01', d = '01'] = date.split('-');
  return `${y}-${m}-${d}T00:00:00Z`;
}

/**
 * The feed's XML. Entries keep their order (newest first). An undated passage takes the feed's
 * `updated` (its newest dated entry, else `fallbackUpdated`): Atom requires a date on every entry.
 */
export function renderAtom(feed: AtomFeed, fallbackUpdated: string): string {
  const dated = feed.entries.map((e) => e.date).filter((d): d is string => d !== null).sort();
  const updated = dated.length ? atomDate(dated[dated.length - 1] as string) : fallbackUpdated;
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.selfUrl)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <subtitle>${escapeXml(feed.subtitle)}</subtitle>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${escapeXml(feed.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>`,
  ];
  for (const e of feed.entries) {
    const when = e.date ? atomDate(e.date) : updated;
    out.push('  <entry>');
    out.push(`    <id>${escapeXml(e.permalink)}</id>`);
    out.push(`    <title>${escapeXml(e.title)}</title>`);
    out.push(`    <updated>${when}</updated>`);
    if (e.date) out.push(`    <published>${when}</published>`);
    if (e.author) out.push(`    <author><name>${escapeXml(e.author)}</name></author>`);
    out.push(`    <link rel="alternate" type="text/html" href="${escapeXml(e.permalink)}"/>`);
    if (e.sourceUrl) out.push(`    <link rel="related" type="text/html" href="${escapeXml(e.sourceUrl)}"${e.source ? ` title="${escapeXml(e.source)}"` : ''}/>`);
    for (const c of e.categories) out.push(`    <category term="${escapeXml(c.term)}" label="${escapeXml(c.label)}"/>`);
    out.push(`    <content type="text">${escapeXml(e.text)}</content>`);
    out.push('  </entry>');
  }
  out.push('</feed>', '');
  return out.join('\n');
}
