/**
 * Interface strings in Vietnamese (default) and English. Content (titles, quotes, themes)
 * is never translated: it is the source's words.
 */

/** Interface languages. */
export type Lang = 'vi' | 'en';

const vi = {
  appName: 'Tư liệu Ngoại giao Việt Nam',
  tagline: 'Kho bài viết và phát biểu về ngoại giao Việt Nam',
  skip: 'Bỏ qua, đến nội dung chính',
  navSearch: 'Tra cứu',
  navCompare: 'So sánh sự kiện',
  navEvents: 'Sự kiện',
  switchLang: 'English',
  switchLangLabel: 'Switch the interface to English',
  searchLabel: 'Tìm trong các đoạn văn',
  searchPlaceholder: 'Nhập từ khoá, ví dụ: ngoại giao kinh tế',
  searchHint: 'Nhấn / để tìm, Esc để xoá',
  sortLabel: 'Sắp xếp',
  sortRelevance: 'Liên quan nhất',
  sortDateDesc: 'Mới nhất',
  sortDateAsc: 'Cũ nhất',
  filters: 'Bộ lọc',
  clearFilters: 'Bỏ mọi bộ lọc',
  facet_event: 'Sự kiện',
  facet_speaker: 'Người phát biểu',
  facet_year: 'Năm',
  facet_kind: 'Loại đoạn',
  facet_source: 'Nguồn',
  kind_paragraph: 'Đoạn văn',
  kind_quote: 'Trích dẫn',
  kind_caption: 'Chú thích ảnh',
  'kind_list-item': 'Mục liệt kê',
  kind_heading: 'Tiêu đề mục',
  loading: 'Đang tải…',
  results: (n: number) => `${n.toLocaleString('vi-VN')} đoạn văn`,
  resultsFor: (n: number, q: string) => `${n.toLocaleString('vi-VN')} đoạn văn khớp với “${q}”`,
  latest: 'Các đoạn văn mới nhất',
  pageOf: (p: number, n: number) => `Trang ${p} / ${n}`,
  prev: 'Trang trước',
  next: 'Trang sau',
  pagination: 'Phân trang',
  noResults: 'Không tìm thấy đoạn văn nào.',
  noResultsTips: 'Bạn có thể thử:',
  tipNoDiacritics: (q: string) => `tìm không dấu: “${q}”`,
  tipFewerWords: (q: string) => `ít từ hơn: “${q}”`,
  tipRemoveFilters: 'bỏ các bộ lọc đang chọn',
  tipCheckSpelling: 'kiểm tra chính tả, hoặc dùng từ đồng nghĩa',
  noExactMatch: (q: string) => `Không có kết quả khớp chính xác cho “${q}” — tìm không dấu?`,
  relaxedSearch: (q: string, n: number) => `Tìm “${q}” (không dấu): ${n.toLocaleString('vi-VN')} đoạn văn`,
  apiError: 'Không thể tải dữ liệu từ máy chủ. Vui lòng thử lại sau ít phút.',
  retry: 'Thử lại',
  notFound: 'Không tìm thấy trang này.',
  backToSearch: 'Về trang tra cứu',
  unknownSpeaker: 'Không rõ người phát biểu',
  unknownDate: 'không rõ ngày',
  passage: 'Đoạn văn',
  inArticle: 'Trong bài viết',
  cite: 'Trích dẫn',
  citeTitle: 'Trích dẫn đoạn văn này',
  citeFormat: 'Định dạng',
  copy: 'Sao chép',
  copied: 'Đã sao chép vào bộ nhớ tạm.',
  copyFailed: 'Không sao chép được; hãy chọn văn bản và sao chép thủ công.',
  close: 'Đóng',
  openSource: 'Mở bài gốc tại đoạn này',
  noSourceUrl: 'Bài gốc không có địa chỉ web.',
  previousPassage: 'Đoạn trước',
  nextPassage: 'Đoạn sau',
  neighbours: 'Các đoạn lân cận',
  permalink: 'Liên kết cố định',
  author: 'Tác giả',
  source: 'Nguồn',
  date: 'Ngày',
  speaker: 'Người phát biểu',
  events: 'Sự kiện',
  speakers: 'Người phát biểu',
  roles: 'Chức vụ qua thời gian',
  statements: 'Phát biểu theo sự kiện',
  noStatements: 'Chưa có phát biểu nào được ghi nhận.',
  otherStatements: 'Không gắn với sự kiện',
  present: 'nay',
  themes: 'Chủ đề (nguyên văn)',
  noThemes: 'Bài viết không trích dẫn chủ đề.',
  keyPoints: 'Các điểm chính',
  noKeyPoints: 'Chưa có điểm chính.',
  articles: 'Bài viết',
  distinctiveTerms: 'Thuật ngữ đặc trưng',
  sharedTerms: 'Thuật ngữ chung',
  compareTitle: 'So sánh sự kiện',
  compareChoose: 'Chọn 2 hoặc 3 sự kiện',
  compareSubmit: 'So sánh',
  compareTooFew: 'Hãy chọn ít nhất 2 sự kiện.',
  compareTooMany: 'Chỉ so sánh được tối đa 3 sự kiện.',
  termChart: (term: string) => `Tần suất của “${term}” qua các sự kiện`,
  termChartDesc: 'Số đoạn văn chứa thuật ngữ, theo thứ tự thời gian.',
  termChartOccurrences: 'Số lần xuất hiện trong các bài về sự kiện, theo thứ tự thời gian.',
  speakersTitle: 'Người phát biểu',
  article: 'Bài viết',
  termPassages: (term: string) => `Các đoạn văn chứa “${term}”`,
  passagesCount: (n: number) => `${n} đoạn`,
  showTerm: (term: string) => `Xem các đoạn văn chứa “${term}”`,
  eventsTitle: 'Các sự kiện',
  mainNav: 'Điều hướng chính',
  viewEvent: 'Xem sự kiện',
  allResultsFor: 'Tìm tất cả',
  sessionThemes: 'Chủ đề của các phiên trong sự kiện',
  eventDateLabel: 'ngày sự kiện',
  eventDateTitle: 'Bài không ghi ngày đăng; đây là ngày của sự kiện được tường thuật.',
  dateRange: 'Khoảng thời gian',
  dateFrom: 'Từ ngày',
  dateTo: 'Đến ngày',
  dateApply: 'Lọc theo ngày',
  dateInvalid: 'Ngày không hợp lệ (dạng YYYY-MM-DD).',
  readingLabel: 'Cách hiểu truy vấn',
  chipSpeaker: 'Người phát biểu',
  chipEvent: 'Sự kiện',
  chipTopic: 'Chủ đề',
  chipDates: 'Thời gian',
  chipExclude: 'Loại trừ',
  chipAlternatives: 'Một trong các vế (OR)',
  chipRemove: (what: string) => `Bỏ cách hiểu “${what}”`,
  readingMentions: (n: number, name: string) => `Xem thêm ${n.toLocaleString('vi-VN')} đoạn chỉ nhắc đến ${name}`,
  syntaxHelp: 'Cú pháp tìm kiếm',
  syntaxItems: [
    ['"cụm từ chính xác"', 'tìm đúng cụm từ'],
    ['-từ', 'loại các đoạn có từ này'],
    ['a OR b', 'đoạn có a hoặc có b; mỗi vế là cả cụm bên trái / bên phải OR (ngoại giao vắc-xin OR y tế), toán tử áp dụng cho mọi vế'],
    ['speaker:"Phạm Minh Chính"', 'chỉ lời của người này (cũng hiểu tên trong truy vấn: Phạm Minh Chính ngoại giao kinh tế)'],
    ['event:"HNNG 31"', 'chỉ sự kiện này'],
    ['year:2023', 'chỉ năm này'],
    ['from:2021-01-01 to:2023-12-31', 'khoảng thời gian'],
  ] as [string, string][],
  skipToResults: 'Đến kết quả',
  eventsOfHit: 'Sự kiện',
  oldest: 'Các đoạn văn cũ nhất',
  badSearch: 'Không hiểu được yêu cầu tìm kiếm này.',
  pastLastPage: (page: number, last: number) => `Không có trang ${page}: kết quả chỉ có ${last} trang.`,
  readingNotApplied: 'Cách hiểu này không cho kết quả nào; đang hiện kết quả cho đúng các từ đã gõ.',
  readingTitleHolders: (names: string) => `người giữ chức vào ngày của từng đoạn: ${names}`,
  peopleWithoutStatements: (n: number) => `${n} người khác được nhắc đến nhưng chưa có phát biểu nào`,
  searchWithinSpeaker: 'Tìm trong các phát biểu của người này',
  speakerSummary: 'Tóm tắt',
  statementSpan: (n: number, first: string, last: string) => `${n.toLocaleString('vi-VN')} đoạn phát biểu, từ ${first} đến ${last}.`,
  footer: 'Dữ liệu trích từ các nguồn báo chí công khai; mỗi đoạn văn dẫn về bài gốc.',
  adminNav: 'Thêm vào kho',
  adminTitle: 'Thêm vào kho tư liệu',
  adminTokenLabel: 'Mã quản trị',
  adminTokenHint: 'Mã chỉ được giữ trong thẻ trình duyệt này và mất khi đóng thẻ.',
  adminTokenSubmit: 'Tiếp tục',
  adminTokenWrong: 'Mã quản trị không đúng.',
  adminForget: 'Quên mã',
  adminDrop: 'Kéo thả tệp vào đây (có thể nhiều tệp), hoặc',
  adminChoose: 'Chọn tệp',
  adminFormats: (mb: string) => `Tệp .txt, .md hoặc .html, tối đa ${mb} MB mỗi tệp.`,
  adminUrlLabel: 'Hoặc dán địa chỉ bài báo',
  adminUrlSubmit: 'Lấy bài',
  adminAdded: 'Đã thêm:',
  adminUnchanged: 'Đã có, không đổi:',
  adminRefused: 'Bị từ chối:',
  adminNetwork: 'Không gửi được (lỗi mạng).',
  adminUploads: 'Tệp đã gửi',
  adminRemove: 'Gỡ bài khỏi kho',
  adminRemoveConfirm: 'Nhấn lần nữa để gỡ',
  adminRemoved: 'Đã gỡ bài này khỏi kho (tệp được giữ trong thùng rác).',
  adminRestore: 'Khôi phục',
  adminRestored: 'Đã khôi phục.',
};

/** Every interface string, Vietnamese being the reference set. */
export type Strings = typeof vi;

const en: Strings = {
  appName: 'Vietnam Diplomacy Archive',
  tagline: 'Articles and speeches on Vietnam’s diplomacy',
  skip: 'Skip to main content',
  navSearch: 'Search',
  navCompare: 'Compare events',
  navEvents: 'Events',
  switchLang: 'Tiếng Việt',
  switchLangLabel: 'Chuyển giao diện sang tiếng Việt',
  searchLabel: 'Search passages',
  searchPlaceholder: 'Type keywords, e.g. ngoại giao kinh tế',
  searchHint: 'Press / to search, Esc to clear',
  sortLabel: 'Sort',
  sortRelevance: 'Most relevant',
  sortDateDesc: 'Newest',
  sortDateAsc: 'Oldest',
  filters: 'Filters',
  clearFilters: 'Clear all filters',
  facet_event: 'Event',
  facet_speaker: 'Speaker',
  facet_year: 'Year',
  facet_kind: 'Passage kind',
  facet_source: 'Source',
  kind_paragraph: 'Paragraph',
  kind_quote: 'Quotation',
  kind_caption: 'Photo caption',
  'kind_list-item': 'List item',
  kind_heading: 'Section heading',
  loading: 'Loading…',
  results: (n: number) => `${n.toLocaleString('en-GB')} passage${n === 1 ? '' : 's'}`,
  resultsFor: (n: number, q: string) => `${n.toLocaleString('en-GB')} passage${n === 1 ? '' : 's'} matching “${q}”`,
  latest: 'Latest passages',
  pageOf: (p: number, n: number) => `Page ${p} of ${n}`,
  prev: 'Previous page',
  next: 'Next page',
  pagination: 'Pagination',
  noResults: 'No passage found.',
  noResultsTips: 'You could try:',
  tipNoDiacritics: (q: string) => `without diacritics: “${q}”`,
  tipFewerWords: (q: string) => `fewer words: “${q}”`,
  tipRemoveFilters: 'removing the selected filters',
  tipCheckSpelling: 'checking the spelling, or a synonym',
  noExactMatch: (q: string) => `No exact match for “${q}” — search without diacritics?`,
  relaxedSearch: (q: string, n: number) => `Search “${q}” (without diacritics): ${n.toLocaleString('en-GB')} passage${n === 1 ? '' : 's'}`,
  apiError: 'The server could not be reached. Please try again in a few minutes.',
  retry: 'Try again',
  notFound: 'This page does not exist.',
  backToSearch: 'Back to search',
  unknownSpeaker: 'Speaker not stated',
  unknownDate: 'date unknown',
  passage: 'Passage',
  inArticle: 'In the article',
  cite: 'Cite',
  citeTitle: 'Cite this passage',
  citeFormat: 'Format',
  copy: 'Copy',
  copied: 'Copied to the clipboard.',
  copyFailed: 'Could not copy; please select the text and copy it by hand.',
  close: 'Close',
  openSource: 'Open the original at this passage',
  noSourceUrl: 'The original has no web address.',
  previousPassage: 'Previous passage',
  nextPassage: 'Next passage',
  neighbours: 'Neighbouring passages',
  permalink: 'Permalink',
  author: 'Author',
  source: 'Source',
  date: 'Date',
  speaker: 'Speaker',
  events: 'Events',
  speakers: 'Speakers',
  roles: 'Roles over time',
  statements: 'Statements by event',
  noStatements: 'No statement recorded yet.',
  otherStatements: 'Not tied to an event',
  present: 'present',
  themes: 'Themes (verbatim)',
  noThemes: 'The articles quote no theme.',
  keyPoints: 'Key points',
  noKeyPoints: 'No key points yet.',
  articles: 'Articles',
  distinctiveTerms: 'Distinctive terms',
  sharedTerms: 'Shared terms',
  compareTitle: 'Compare events',
  compareChoose: 'Choose 2 or 3 events',
  compareSubmit: 'Compare',
  compareTooFew: 'Please choose at least 2 events.',
  compareTooMany: 'At most 3 events can be compared.',
  termChart: (term: string) => `Frequency of “${term}” across events`,
  termChartDesc: 'Passages containing the term, in time order.',
  termChartOccurrences: 'Occurrences in the event’s articles, in time order.',
  speakersTitle: 'Speakers',
  article: 'Article',
  termPassages: (term: string) => `Passages containing “${term}”`,
  passagesCount: (n: number) => `${n} passage${n === 1 ? '' : 's'}`,
  showTerm: (term: string) => `Show passages containing “${term}”`,
  eventsTitle: 'Events',
  mainNav: 'Main navigation',
  viewEvent: 'View event',
  allResultsFor: 'Search everything',
  sessionThemes: 'Themes of sessions held within the event',
  eventDateLabel: 'event date',
  eventDateTitle: 'The article carries no publication date; this is the date of the event it reports.',
  dateRange: 'Date range',
  dateFrom: 'From',
  dateTo: 'To',
  dateApply: 'Filter by date',
  dateInvalid: 'Invalid date (use YYYY-MM-DD).',
  readingLabel: 'How the query was read',
  chipSpeaker: 'Speaker',
  chipEvent: 'Event',
  chipTopic: 'Topic',
  chipDates: 'Dates',
  chipExclude: 'Excluded',
  chipAlternatives: 'Any of (OR)',
  chipRemove: (what: string) => `Remove the reading “${what}”`,
  readingMentions: (n: number, name: string) => `See ${n.toLocaleString('en-GB')} more passages that only mention ${name}`,
  syntaxHelp: 'Search syntax',
  syntaxItems: [
    ['"exact phrase"', 'this phrase, word for word'],
    ['-word', 'leave out passages with this word'],
    ['a OR b', 'passages with a or with b; each side is everything left / right of OR (ngoại giao vắc-xin OR y tế), operators apply to every side'],
    ['speaker:"Phạm Minh Chính"', 'only this person’s words (a name in the query is read so too: Phạm Minh Chính ngoại giao kinh tế)'],
    ['event:"HNNG 31"', 'only this event'],
    ['year:2023', 'only this year'],
    ['from:2021-01-01 to:2023-12-31', 'a date range'],
  ] as [string, string][],
  skipToResults: 'Skip to results',
  eventsOfHit: 'Event',
  oldest: 'Oldest passages',
  badSearch: 'This search could not be understood.',
  pastLastPage: (page: number, last: number) => `There is no page ${page}: the results have ${last} page${last === 1 ? '' : 's'}.`,
  readingNotApplied: 'This reading found nothing; showing results for the words as typed.',
  readingTitleHolders: (names: string) => `whoever held it on each passage’s date: ${names}`,
  peopleWithoutStatements: (n: number) => `${n} other people are mentioned but have no statement yet`,
  searchWithinSpeaker: 'Search this person’s statements',
  speakerSummary: 'Summary',
  statementSpan: (n: number, first: string, last: string) => `${n.toLocaleString('en-GB')} statement passage${n === 1 ? '' : 's'}, from ${first} to ${last}.`,
  footer: 'Text quoted from public news sources; every passage links to its original.',
  adminNav: 'Add to the archive',
  adminTitle: 'Add to the archive',
  adminTokenLabel: 'Curator token',
  adminTokenHint: 'The token is kept in this browser tab only and is forgotten when the tab closes.',
  adminTokenSubmit: 'Continue',
  adminTokenWrong: 'That curator token is not valid.',
  adminForget: 'Forget the token',
  adminDrop: 'Drop files here (several at once), or',
  adminChoose: 'Choose files',
  adminFormats: (mb: string) => `.txt, .md or .html files, up to ${mb} MB each.`,
  adminUrlLabel: 'Or paste the address of an article',
  adminUrlSubmit: 'Fetch',
  adminAdded: 'Added:',
  adminUnchanged: 'Already there, unchanged:',
  adminRefused: 'Refused:',
  adminNetwork: 'Could not be sent (network error).',
  adminUploads: 'Files sent',
  adminRemove: 'Remove from the archive',
  adminRemoveConfirm: 'Click again to remove',
  adminRemoved: 'This article was removed from the archive (its file is kept in the trash).',
  adminRestore: 'Restore',
  adminRestored: 'Restored.',
};

const STRINGS: Record<Lang, Strings> = { vi, en };
const STORAGE_KEY = 'ngkb.lang';

let current: Lang = 'vi';

/** The strings of the current interface language. */
export function t(): Strings {
  return STRINGS[current];
}

/** The current interface language. */
export function getLang(): Lang {
  return current;
}

/** Parses a language code; anything but `en` is Vietnamese, the default. */
export function parseLang(value: string | null | undefined): Lang | null {
  if (value === 'en' || value === 'vi') return value;
  return null;
}

/** Chooses the language: `?lang=` first, then the saved choice, then Vietnamese. */
export function initLang(params: URLSearchParams): Lang {
  let saved: Lang | null = null;
  try {
    saved = parseLang(localStorage.getItem(STORAGE_KEY));
  } catch {
    // Storage can be disabled (private mode); the URL still carries the choice.
  }
  return setLang(parseLang(params.get('lang')) ?? saved ?? 'vi');
}

/** Switches the language, saves it and updates `<html lang>`. */
export function setLang(lang: Lang): Lang {
  current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // See initLang.
  }
  return lang;
}

/** A kind label, falling back to the raw kind for one the UI does not know. */
export function kindLabel(kind: string): string {
  const key = `kind_${kind}` as keyof Strings;
  const value = t()[key];
  return typeof value === 'string' ? value : kind;
}

/** A date as readers expect it: `12/8/2018` in Vietnamese, `12 Aug 2018` in English; partial dates kept. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return t().unknownDate;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (current === 'vi') {
    if (d && mo) return `${Number(d)}/${Number(mo)}/${y}`;
    if (mo) return `${Number(mo)}/${y}`;
    return y ?? iso;
  }
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const monthName = mo ? months[Number(mo) - 1] : undefined;
  if (d && monthName) return `${Number(d)} ${monthName} ${y}`;
  if (monthName) return `${monthName} ${y}`;
  return y ?? iso;
}
