/**
 * Page widgets whose labels a copy keeps as text: an image gallery's toolbar, a media player's
 * fallback and clock, a language switcher, a newsletter or subscription box. Each is a class of
 * line recognised by what the whole line is made of (widget labels only, or the player's stock
 * sentence), so a body sentence that mentions a browser, a language or a download stays.
 *
 * @see ingest/README.md "Cleaning rules"
 */

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Separators between widget labels: none (glued, "Phóng toTải xuống"), spaces, pipes, bullets, slashes, dashes. */
const SEP = '\\s*(?:[|•·/–—-]\\s*)?';

/**
 * Button labels of image galleries and lightboxes (Vietnamese and English), longest first so
 * "Zoom in" wins over "Zoom".
 */
const TOOLBAR_LABELS = [
  'Phóng to', 'Thu nhỏ', 'Tải xuống', 'Tải về', 'Tải ảnh', 'Chia sẻ', 'Xem ảnh gốc', 'Ảnh gốc', 'Xem toàn màn hình', 'Toàn màn hình',
  'Lưu ảnh', 'Đóng', 'Ảnh trước', 'Ảnh sau', 'Ảnh tiếp theo', 'Trước', 'Tiếp', 'Sao chép liên kết', 'Xem ảnh', 'Trình chiếu',
  'Zoom in', 'Zoom out', 'Zoom', 'Download', 'Share', 'Full screen', 'Fullscreen', 'Exit fullscreen', 'View original', 'Close',
  'Previous', 'Next', 'Prev', 'Expand', 'Copy link', 'Save image', 'Slideshow', 'Open in new tab',
].sort((a, b) => b.length - a.length);
/** "3/12", "3 / 12": the gallery's counter beside its buttons. */
const COUNTER = '\\d{1,3}\\s*/\\s*\\d{1,3}';
const TOOLBAR = new RegExp(`^(?:(?:${TOOLBAR_LABELS.map(esc).join('|')}|${COUNTER})${SEP}){2,}$`, 'iu');

/** A line made only of two or more gallery toolbar labels, glued or separated ("Phóng toTải xuốngChia sẻ", "ZoomDownloadShare"). */
export function isImageToolbar(text: string): boolean {
  return text.length <= 120 && !/[.,;:!?]$/u.test(text) && TOOLBAR.test(text.replace(/\s+$/u, '') + ' ');
}

/** A player's controls and clock: "00:00 / 02:15", "0:00", "Play 00:00 / 02:15 Mute". */
const PLAYER_CONTROLS = ['Play', 'Pause', 'Mute', 'Unmute', 'Phát', 'Tạm dừng', 'Tắt tiếng', 'Bật tiếng', 'Live', 'Trực tiếp', 'Fullscreen', 'Toàn màn hình', 'Settings', 'Cài đặt', 'HD'];
const CLOCK = '\\d{1,2}:\\d{2}(?::\\d{2})?';
const CONTROLS = `(?:${PLAYER_CONTROLS.map(esc).join('|')})`;
/** The clock "00:00 / 02:15" (elapsed / length), with controls around it or not; a lone "10:30" is not a player. */
const PLAYER_LINE = new RegExp(`^(?:${CONTROLS}\\s+)*${CLOCK}\\s*/\\s*${CLOCK}(?:\\s+${CONTROLS})*$|^(?:${CONTROLS}\\s+)+${CLOCK}(?:\\s+${CONTROLS})*$`, 'iu');
/** The fallback sentence a `<video>`/`<audio>` element prints where it cannot play. */
const NO_SUPPORT = /^(?:your (?:web )?browser|this browser|trình duyệt(?: web)?(?: của bạn)?)\s+(?:does not|doesn't|do not|không|chưa)\s+(?:support|hỗ trợ)(?![\p{L}]).{0,100}$/iu;
const MEDIA_WORD = /video|audio|html5|html 5|tag|thẻ|player|trình phát|media|âm thanh|phát|playback|javascript|iframe|định dạng|format/iu;
/** "Video is loading…", "Đang tải video...", "Loading video", "Video đang được tải". */
const LOADING = /^(?:(?:the )?video is loading|loading(?: video| the video| player)?|đang tải(?: video| trình phát)?|video đang (?:được )?tải|please wait(?:, the video is loading)?|vui lòng chờ(?: trong giây lát)?)\s*(?:\.{1,3}|…)?$/iu;

/** A media player's fallback text or clock line; never a sentence that only mentions a browser. */
export function isMediaFallback(text: string): boolean {
  // Cheap test first: most lines have neither a clock nor any of the fallback's words.
  if (text.length > 160 || !/\d:\d|support|hỗ trợ|tải|load|wait|chờ/iu.test(text)) return false;
  if (NO_SUPPORT.test(text) && MEDIA_WORD.test(text)) return true;
  return LOADING.test(text) || PLAYER_LINE.test(text);
}

/** Language codes a switcher prints ("VI EN", "VN | EN"): ISO 639-1 and the country codes sites use for them. */
const SWITCHER_CODES = ['VI', 'VN', 'EN', 'FR', 'ZH', 'CN', 'JA', 'JP', 'KO', 'KR', 'RU', 'ES', 'DE', 'LO', 'KM', 'TH', 'ID', 'PT', 'IT', 'AR'];
let switcher: RegExp | null = null;

/**
 * Language names as switchers print them: each language's own name (CLDR autonyms through
 * `Intl.DisplayNames`: "English", "Français", "中文", "日本語"), its Vietnamese name ("Tiếng Anh",
 * "Tiếng Việt") and its English name.
 */
function languageNames(): string[] {
  const codes = ['vi', 'en', 'fr', 'zh', 'ja', 'ko', 'ru', 'es', 'de', 'lo', 'km', 'th', 'id', 'pt', 'it', 'ar'];
  const names = new Set<string>();
  const inVi = new Intl.DisplayNames(['vi'], { type: 'language' });
  const inEn = new Intl.DisplayNames(['en'], { type: 'language' });
  for (const c of codes) {
    const own = new Intl.DisplayNames([c], { type: 'language' }).of(c);
    for (const n of [own, inVi.of(c), inEn.of(c)]) if (n && n !== c) names.add(n);
  }
  names.add('中文').add('简体中文').add('繁體中文').add('Tiếng Trung');
  return [...names].sort((a, b) => b.length - a.length);
}

/** A line made only of two or more language names or codes: "Tiếng Việt | English | Français | 中文", "VI EN". */
export function isLanguageSwitcher(text: string): boolean {
  if (text.length > 120 || /[.,;:!?]/u.test(text) || text.split(/\s+/u).length > 16) return false;
  switcher ??= new RegExp(
    `^(?:(?:${languageNames().map(esc).join('|')}|(?:${SWITCHER_CODES.join('|')})(?![\\p{L}]))${SEP}){2,}$`,
    'iu',
  );
  // Codes only count in upper case ("VI EN"); the names in any case.
  const t = text.trim() + ' ';
  if (!switcher.test(t)) return false;
  const bare = t.replace(/[|•·/–—\s-]+/gu, ' ').trim().split(' ');
  return !bare.every((w) => /^[a-z]{2}$/iu.test(w)) || bare.every((w) => w === w.toUpperCase());
}

/** "Đăng ký nhận bản tin", "Subscribe to our newsletter", "Nhận tin mới nhất qua email": a subscription box's line. */
const SUBSCRIBE_START = /^(?:đăng ký|đăng kí|subscribe|sign up|nhận|get|theo dõi)(?![\p{L}])/iu;
const SUBSCRIBE_WHAT = /bản tin|newsletter|nhận tin|tin mới|kênh|channel|báo in|báo giấy|ấn phẩm|e-?mail|hộp thư|inbox|updates|tin tức hằng ngày|tin tức hàng ngày|subscription|gói cước|gói đọc/iu;

/** A subscription prompt: starts with a subscribe verb, names what one subscribes to, and is short. */
export function isSubscriptionLine(text: string): boolean {
  return text.length <= 150 && text.split(/\s+/).length <= 18 && SUBSCRIBE_START.test(text) && SUBSCRIBE_WHAT.test(text) && !/[.;,]\s+\S/u.test(text);
}
