/**
 * Interface strings of the research tools (export, bulk citation, concordance, feed, compare
 * figures) in Vietnamese and English, kept beside i18n.ts so the shared string table is not
 * touched by every tool. Same rule: content is never translated.
 */
import { getLang } from './i18n.ts';

const vi = {
  exportTitle: 'Xuất kết quả',
  exportHint: 'Toàn bộ kết quả của tìm kiếm này, với bộ lọc hiện tại',
  feedLink: 'Theo dõi (Atom)',
  feedTitle: (what: string) => `Nguồn tin Atom: ${what}`,
  kwicLink: 'Ngữ cảnh (KWIC)',
  kwicTitle: 'Từ khoá trong ngữ cảnh',
  kwicIntro: 'Mỗi dòng là một lần xuất hiện, căn thẳng theo từ khoá; bấm vào dòng để mở đoạn văn.',
  kwicQuery: 'Từ khoá',
  kwicSort: 'Sắp xếp dòng',
  kwicSortRelevance: 'Theo mức liên quan',
  kwicSortLeft: 'Theo từ bên trái',
  kwicSortRight: 'Theo từ bên phải',
  kwicSortDate: 'Mới nhất',
  kwicWidth: 'Số từ mỗi bên',
  kwicSubmit: 'Hiển thị',
  kwicLines: (n: number, p: number) => `${n.toLocaleString('vi-VN')} dòng từ ${p.toLocaleString('vi-VN')} đoạn văn`,
  kwicLimited: 'Chỉ hiển thị những dòng đầu; thu hẹp tìm kiếm để xem hết.',
  kwicEmpty: 'Không có dòng nào khớp.',
  kwicNeedQuery: 'Nhập từ khoá để xem ngữ cảnh.',
  kwicLeft: 'Bên trái',
  kwicMatch: 'Từ khoá',
  kwicRight: 'Bên phải',
  kwicSource: 'Nguồn',
  selectPassage: 'Chọn để trích dẫn',
  selected: (n: number) => `Đã chọn ${n} đoạn`,
  citeSelected: 'Trích dẫn các đoạn đã chọn',
  citeFormat: 'Định dạng',
  copy: 'Sao chép',
  download: 'Tải về',
  clearSelection: 'Bỏ chọn',
  copied: 'Đã sao chép.',
  copyFailed: 'Không sao chép được; hãy chọn và sao chép thủ công.',
  truncatedMark: 'Đoạn trích: nguồn bị cắt ở đây',
  per10k: 'lần / 10 000 từ',
  termChartPer10k: 'Tần suất trên 10 000 từ của các bài về mỗi sự kiện.',
  aboutCount: (p: number) => `${p} đoạn văn thuộc các bài về sự kiện`,
  themeSources: 'Nguồn',
  themeVariants: 'Các báo trích chủ đề khác nhau:',
  archiveCopy: 'bản lưu (không rõ báo)',
};

type ResearchStrings = typeof vi;

const en: ResearchStrings = {
  exportTitle: 'Export results',
  exportHint: 'Every result of this search, with the current filters',
  feedLink: 'Follow (Atom feed)',
  feedTitle: (what: string) => `Atom feed: ${what}`,
  kwicLink: 'Keyword in context',
  kwicTitle: 'Keyword in context',
  kwicIntro: 'One line per occurrence, aligned on the keyword; open a line to read its passage.',
  kwicQuery: 'Keyword',
  kwicSort: 'Order lines',
  kwicSortRelevance: 'By relevance',
  kwicSortLeft: 'By the words on the left',
  kwicSortRight: 'By the words on the right',
  kwicSortDate: 'Newest',
  kwicWidth: 'Words each side',
  kwicSubmit: 'Show',
  kwicLines: (n: number, p: number) => `${n.toLocaleString('en-GB')} lines from ${p.toLocaleString('en-GB')} passages`,
  kwicLimited: 'Only the first lines are shown; narrow the search to see them all.',
  kwicEmpty: 'No line matches.',
  kwicNeedQuery: 'Type a keyword to see it in context.',
  kwicLeft: 'Left',
  kwicMatch: 'Keyword',
  kwicRight: 'Right',
  kwicSource: 'Source',
  selectPassage: 'Select to cite',
  selected: (n: number) => `${n} selected`,
  citeSelected: 'Cite the selected passages',
  citeFormat: 'Format',
  copy: 'Copy',
  download: 'Download',
  clearSelection: 'Clear selection',
  copied: 'Copied.',
  copyFailed: 'Could not copy; select the text and copy it by hand.',
  truncatedMark: 'Excerpt: the source is cut off here',
  per10k: 'per 10,000 words',
  termChartPer10k: 'Frequency per 10,000 words of the articles about each event.',
  aboutCount: (p: number) => `${p} passages of the articles about the event`,
  themeSources: 'Sources',
  themeVariants: 'Outlets quote the theme differently:',
  archiveCopy: 'archived copy (outlet unknown)',
};

/** The research tools' strings in the interface language. */
export function rt(): ResearchStrings {
  return getLang() === 'en' ? en : vi;
}
