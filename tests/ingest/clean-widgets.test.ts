/**
 * Page widgets a copy keeps as text — gallery toolbars, media players, language switchers,
 * subscription boxes — dropped as classes of line and counted; body sentences that mention a
 * browser, a language or a download stay.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../ingest/clean/index.ts';
import { isImageToolbar, isLanguageSwitcher, isMediaFallback, isSubscriptionLine } from '../../ingest/clean/widgets.ts';
import { parseDocument } from '../../ingest/parse/index.ts';
import { REPO, loadSource } from './helpers.ts';

const fixture = (rel: string) => cleanDocument(parseDocument(loadSource(path.join(REPO, 'tests/fixtures'), rel)));
const droppedBy = (doc: ReturnType<typeof fixture>, rule: string) => doc.dropped.filter((d) => d.rule === rule).map((d) => d.text);

describe('image-toolbar: a gallery or lightbox toolbar left as text', () => {
  it.each(['Phóng toTải xuốngChia sẻ', 'ZoomDownloadShare', 'Phóng to | Tải xuống | Chia sẻ', '3/12 Phóng to Tải về', 'Zoom in Zoom out Fullscreen Close'])('drops "%s"', (t) => {
    expect(isImageToolbar(t)).toBe(true);
  });
  it.each(['Người dùng có thể phóng to, tải xuống và chia sẻ ảnh.', 'Chia sẻ', 'Tiếp đó, Bộ trưởng phát biểu.', 'Share of exports rose to 12%.'])('keeps "%s"', (t) => {
    expect(isImageToolbar(t)).toBe(false);
  });
});

describe("media-fallback: a player's fallback sentence, loading line and clock", () => {
  it.each([
    'Your browser does not support the video tag.',
    'Your browser does not support HTML5 video.',
    'Trình duyệt của bạn không hỗ trợ thẻ video.',
    'Trình duyệt của bạn không hỗ trợ video HTML5',
    'Video is loading',
    'Đang tải video...',
    'Video đang được tải...',
    '00:00 / 02:15',
    'Play 00:00 / 02:15 Mute',
  ])('drops "%s"', (t) => {
    expect(isMediaFallback(t)).toBe(true);
  });
  it.each([
    'Ông cho biết nhiều trình duyệt không hỗ trợ định dạng video mới.',
    'Trình duyệt của bạn không hỗ trợ tiếng Việt có dấu, ông nói, nên cần cập nhật phần mềm và phông chữ.',
    '10:30',
    'The browser war of the 1990s shaped how people read news.',
  ])('keeps "%s"', (t) => {
    expect(isMediaFallback(t)).toBe(false);
  });
});

describe('language-switcher: a line of language names or codes', () => {
  it.each(['Tiếng Việt | English | Français | 中文', 'VI EN', 'VI | EN | 中文', 'English Tiếng Việt', 'Tiếng Việt - English - 日本語'])('drops "%s"', (t) => {
    expect(isLanguageSwitcher(t)).toBe(true);
  });
  it.each(['Ông nói thông thạo tiếng Việt, English và Français.', 'English', 'vi en', 'Tiếng Anh là ngôn ngữ làm việc của ASEAN.'])('keeps "%s"', (t) => {
    expect(isLanguageSwitcher(t)).toBe(false);
  });
});

describe('subscription: a newsletter or channel prompt', () => {
  it.each(['Đăng ký nhận bản tin', 'Subscribe to our newsletter', 'Nhận tin mới nhất qua email', 'Đăng ký kênh YouTube Báo Quốc tế', 'Sign up for daily updates'])('drops "%s"', (t) => {
    expect(isSubscriptionLine(t)).toBe(true);
  });
  it.each(['Nhận bản tin từ Đại sứ quán, người dân đã liên hệ kịp thời.', 'Đăng ký kết hôn có yếu tố nước ngoài được thực hiện tại Sở Tư pháp.'])('keeps "%s"', (t) => {
    expect(isSubscriptionLine(t)).toBe(false);
  });
});

describe('on whole pages', () => {
  it('drops the widgets of a copied Vietnamese page, counts each by rule, and keeps the sentences about browsers and languages', () => {
    const doc = fixture('txt-widget-residue/input.txt');
    expect(droppedBy(doc, 'language-switcher')).toEqual(['Tiếng Việt | English | Français | 中文']);
    expect(droppedBy(doc, 'image-toolbar')).toEqual(['Phóng toTải xuốngChia sẻ']);
    expect(droppedBy(doc, 'media-fallback')).toEqual(['Your browser does not support the video tag.', '00:00 / 02:15', 'Video đang được tải...']);
    expect(droppedBy(doc, 'subscription')).toEqual(['Đăng ký nhận bản tin']);
    expect(droppedBy(doc, 'contact')).toEqual(['Hotline: 0243 123 4567']);
    const text = doc.blocks.map((b) => b.text);
    expect(text).toContain('Theo kế hoạch, hai bên sẽ phối hợp đào tạo cán bộ, trong đó có các khóa học tiếng Việt và tiếng Lào cho cán bộ ngoại giao trẻ.');
    expect(text.some((t) => t.includes('nhiều trình duyệt cũ không hỗ trợ phông chữ tiếng Lào'))).toBe(true);
    expect(doc.blocks).toHaveLength(4);
  });

  it("drops an English page's <video> fallback, player clock, switcher, toolbar and newsletter box, counting each", () => {
    const doc = fixture('html-widget-residue/input.html');
    expect(droppedBy(doc, 'media-fallback')).toEqual(['Your browser does not support HTML5 video.', '00:00 / 03:42']);
    expect(droppedBy(doc, 'language-switcher')).toEqual(['VI EN']);
    expect(droppedBy(doc, 'image-toolbar')).toEqual(['ZoomDownloadShare']);
    expect(droppedBy(doc, 'subscription')).toEqual(['Subscribe to our newsletter']);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'caption', 'paragraph', 'paragraph']);
    expect(doc.blocks[3]!.text).toContain('some older browsers do not support its video tutorials');
  });
});
