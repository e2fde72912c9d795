/**
 * What site chrome looks like, as classes of lines rather than per-site rules. Each entry is
 * named by the rule id it records in `CleanDocument.dropped`.
 */
import { foldDiacritics } from '../../lib/vietnamese.ts';
import { isImageToolbar, isLanguageSwitcher, isMediaFallback, isSubscriptionLine } from './widgets.ts';

/**
 * Section labels that end an article on news sites: once the body has started, a line that
 * is exactly one of these opens related lists, most-read lists, video boxes, the footer.
 * Compared without diacritics and case, so "DOC THEM" and "Đọc thêm:" both match.
 */
export const SECTION_END_LABELS: readonly string[] = [
  'Tin bài liên quan', 'Các tin bài khác', 'Bài viết cùng chủ đề', 'Xem nhiều', 'Đọc thêm', 'Đọc nhiều',
  'Multimedia', 'Bờ cõi biển đảo', 'Phiên bản di động', 'Đừng bỏ lỡ', 'Video đang xem nhiều',
  'Tin liên quan', 'Bài liên quan', 'Tin cùng chuyên mục', 'Tin khác', 'Tin mới', 'Tin mới nhất',
  'Tin nổi bật', 'Tin đọc nhiều', 'Xem thêm', 'Có thể bạn quan tâm', 'Bạn có thể quan tâm',
  'Ý kiến bạn đọc', 'Bình luận', 'Gửi bình luận', 'Chia sẻ bài viết', 'Cùng chuyên mục', 'Tin tức liên quan',
  'Related news', 'Related articles', 'Read more', 'Most read', 'Most viewed', 'See also', 'More news',
];

const SECTION_END_KEYS = new Set(SECTION_END_LABELS.map(labelKey));

/** Case-, diacritic- and punctuation-insensitive key of a short label line. */
export function labelKey(text: string): string {
  return foldDiacritics(text).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** True when the whole line is a section label that ends the article. */
export function isSectionEnd(text: string): boolean {
  return text.length <= 40 && SECTION_END_KEYS.has(labelKey(text));
}

/** Lines that are chrome wherever they appear, with the rule each records. */
export const CHROME_LINES: readonly { rule: string; test: (text: string) => boolean }[] = [
  // "![]() |", "![](https://…)": an image with no alt text carries no words.
  { rule: 'empty-image', test: (t) => /^(?:!\[\s*\]\([^)]*\)\s*\|?\s*)+$/u.test(t) || /^[|\s]*$/u.test(t) },
  { rule: 'view-counter', test: (t) => /^[\d.,\s]+(?:lượt xem|lượt đọc|lượt thích|views?|reads?)$/iu.test(t) },
  // Page widgets a copy keeps as text (widgets.ts): before `menu`/`social`, which would take some of them.
  { rule: 'image-toolbar', test: isImageToolbar },
  { rule: 'media-fallback', test: isMediaFallback },
  { rule: 'language-switcher', test: isLanguageSwitcher },
  { rule: 'subscription', test: isSubscriptionLine },
  { rule: 'social', test: (t) => t.length <= 60 && /^(?:theo dõi|follow|like|thích|chia sẻ|share)\b.*(?:\btrên|\bon|facebook|zalo|google news|tiktok|youtube)\s*:?$/iu.test(t) },
  { rule: 'social', test: (t) => /^(?:(?:chia sẻ|share|facebook|zalo|twitter|email|in bài|print|lưu bài|copy link|sao chép liên kết)\s*[|•·:]?\s*)+$/iu.test(t) },
  // "Xem thêm: Thủ tướng tiếp …", ">> Đọc thêm: …": an inline link to another article.
  { rule: 'related-link', test: (t) => t.length <= 250 && /^(?:>>\s*)?(?:xem thêm|đọc thêm|tin liên quan|bài liên quan|read more|see also)\s*[:>»]+\s*\S/iu.test(t) },
  { rule: 'credit-line', test: (t) => /^\(?ảnh minh (?:họa|hoạ)\)?\.?$/iu.test(t) },
  // "Tin, ảnh: Hồng Nhung", "Bài và ảnh: Minh Anh": the reporter's credit printed under the article.
  { rule: 'reporter-line', test: (t) => /^(?:tin|bài|tin và ảnh|bài và ảnh|tin, ảnh|bài, ảnh|tin - ảnh|bài - ảnh|nhóm phóng viên)\s*:\s*[\p{L}\s.,&-]{2,60}$/iu.test(t) },
  { rule: 'contact', test: (t) => t.length <= 200 && /\b(?:hotline|đường dây nóng|đặt mua báo|liên hệ quảng cáo|tòa soạn:)/iu.test(t) },
  // An e-mail address or a phone number alone on its line (8+ digits, so "2020 - 2025" stays).
  { rule: 'contact', test: (t) => /^[\p{L}\d.+_-]*@[\w.-]+\.[a-z]{2,}$/iu.test(t) || (/^[\d\s.()+\-–]+$/u.test(t) && (t.match(/\d/g) ?? []).length >= 8) },
  // "• EMAIL:", "ĐIỆN THOẠI:": an upper-case label with nothing after its colon.
  { rule: 'contact', test: (t) => /^[•·*\-–]?\s*[\p{Lu}\s&/]{2,40}:$/u.test(t) && t.split(/\s+/).length <= 5 },
  // "Đăng nhập | Đăng ký", "Trang chủ • Thời sự • Ngoại giao": a menu of short links.
  { rule: 'menu', test: (t) => isMenu(t) },
  { rule: 'tags', test: (t) => /^(?:tags?|từ khóa|từ khoá|keywords?)\s*:/iu.test(t) },
  // "Ngoại giao phát huy vai trò tiên phong - Ảnh 1.": the alt text a CMS writes for a photo.
  { rule: 'image-alt', test: (t) => /\s[-–]\s(?:ảnh|photo|hình)\s*\d+\.?$/iu.test(t) && t.length <= 200 },
  // "Theo TTXVN", "Nguồn: VGP": the agency a story was taken from, not article text.
  { rule: 'source-line', test: (t) => /^(?:theo|nguồn|source)\s*:?\s+[\p{L}\d.&\s/-]{2,40}$/iu.test(t) && t.split(' ').length <= 6 && !/[.!?]$/.test(t) },
];

/**
 * A photo credit at the end of a caption, with what separates it from the caption:
 * "(Ảnh: TTXVN)", "- Ảnh: VGP/Hải Minh", ". Ảnh: NHẬT BẮC", ".Ảnh: Giang Huy", "(Nguồn: Bộ Ngoại giao)",
 * "Photo: VNA", "(Photo: VNA)", and the empty "Photo:" a copy may keep.
 */
export const CREDIT_PATTERNS: readonly RegExp[] = [
  /\s*\(\s*(?:ảnh|nguồn|nguồn ảnh|photo|ảnh minh họa|ảnh minh hoạ|video)\s*:\s*([^()]{0,80})\)\s*$/iu,
  /\s+[-–—]\s+(?:ảnh|nguồn|photo)\s*:\s*([^()]{0,80})$/iu,
  /(?<=[.!?…"”)\]]|^)\s*(?:ảnh|photo|nguồn)\s*:\s*([^.!?()]{0,60})$/iu,
];

/** A credit value looks like names or an agency, not a sentence. */
export function plausibleCredit(credit: string): boolean {
  return credit.length <= 80 && !/[!?;]/.test(credit) && credit.split(' ').length <= 10;
}

/** A line made of two or more short items separated by "|", "•", "·" or "/" with spaces. */
function isMenu(text: string): boolean {
  const parts = text.split(/\s+[|•·»›/]\s+/u);
  if (parts.length < 2) return false;
  return parts.every((p) => p.trim() !== '' && p.trim().split(/\s+/).length <= 3 && !/[.!?;:,]$/.test(p.trim()) && !/\d{3,}/.test(p));
}
