/** Vietnamese name pools and the spellings payers use (no diacritics, legal-form words, typos). */
import type { Rng } from './prng.js';

export const SURNAMES = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô',
  'Dương', 'Lý', 'Đinh', 'Trương', 'Mai', 'Lương',
] as const;
const MIDDLE_MALE = ['Văn', 'Đức', 'Minh', 'Hữu', 'Quang', 'Thanh', 'Công', 'Xuân', 'Tiến', 'Ngọc'] as const;
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Hoài', 'Mỹ', 'Kim', 'Phương', 'Bích', 'Thùy'] as const;
const GIVEN_MALE = [
  'An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hùng', 'Huy', 'Khang', 'Khoa', 'Long', 'Nam', 'Phong',
  'Phúc', 'Quân', 'Sơn', 'Tài', 'Thắng', 'Toàn', 'Trung', 'Tuấn', 'Việt', 'Vinh',
] as const;
const GIVEN_FEMALE = [
  'Anh', 'Chi', 'Diệp', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hương', 'Lan', 'Linh', 'Loan', 'Mai', 'Nga', 'Ngân',
  'Nhung', 'Oanh', 'Phượng', 'Quyên', 'Tâm', 'Thảo', 'Trang', 'Uyên', 'Vy', 'Yến',
] as const;

export function personName(rng: Rng, sex: 'M' | 'F'): string {
  const mid = sex === 'M' ? rng.pick(MIDDLE_MALE) : rng.pick(MIDDLE_FEMALE);
  const given = sex === 'M' ? rng.pick(GIVEN_MALE) : rng.pick(GIVEN_FEMALE);
  return `${rng.pick(SURNAMES)} ${mid} ${given}`;
}

export const BRANDS = [
  'Minh Phát', 'Hưng Thịnh', 'Thành Đạt', 'Phú Quý', 'An Khang', 'Tân Tiến', 'Hoàng Long', 'Việt Tiến',
  'Đại Nam', 'Sao Mai', 'Hòa Bình', 'Trường Sơn', 'Phương Đông', 'Kim Ngân', 'Đức Thành', 'Thái Dương',
  'Bảo Châu', 'Nam Việt', 'Gia Phúc', 'Hồng Hà', 'Thuận Phát', 'Lộc Phát', 'Quang Minh', 'Tiến Thành',
  'Hải Đăng', 'Đông Á', 'Tây Nguyên', 'Cao Nguyên', 'Bình Minh', 'Vạn Xuân', 'Thịnh Vượng', 'Hợp Nhất',
] as const;
export const SECTORS = [
  'Xây dựng', 'Thương mại', 'Dịch vụ', 'Vận tải', 'May mặc', 'Chế biến gỗ', 'Thực phẩm', 'Cơ khí',
  'Điện nước', 'Du lịch', 'Công nghệ', 'Vật liệu xây dựng', 'Dược phẩm', 'In ấn', 'Môi trường',
] as const;
export const AGRI_SECTORS = ['Nông nghiệp', 'Cà phê', 'Hồ tiêu', 'Lâm sản', 'Thủy sản', 'Cao su', 'Muối'] as const;
export const PLACES = [
  'Gia Nghĩa', 'Đắk Mil', 'Đắk Song', 'Cư Jút', 'Krông Nô', 'Tuy Đức', 'Đắk R\'lấp', 'Đắk Glong',
  'Nghĩa Đức', 'Nghĩa Thành', 'Quảng Thành', 'Nhân Cơ', 'Kiến Đức', 'Ea T\'ling', 'Nam Dong', 'Thuận An',
] as const;

const DIACRITIC_MARKS = /[\u0300-\u036f]/g;

/** Lower case, `đ` → `d`, diacritics removed. */
export function foldDiacritics(s: string): string {
  return s.normalize('NFD').replace(DIACRITIC_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

const LEGAL_FORMS = ['mot thanh vien', 'hop tac xa', 'cong ty', 'co phan', 'cty', 'tnhh', 'cp', 'mtv', 'dntn', 'htx'];

/** The name normalisation of domain.md §8 step 4, to keep generated names distinct and typos unmatched. */
export function normaliseName(s: string): string {
  let t = ` ${foldDiacritics(s).toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
  for (const w of LEGAL_FORMS) t = t.split(` ${w} `).join(' ');
  // A second pass catches adjacent legal words ("cong ty tnhh mtv").
  for (const w of LEGAL_FORMS) t = t.split(` ${w} `).join(' ');
  return t.replace(/\s+/g, ' ').trim();
}

/** How a payer writes an employer's name on a transfer: same normalised name, different spelling. */
export function payerSpelling(rng: Rng, name: string): string {
  const style = rng.int(0, 4);
  switch (style) {
    case 0:
      return name;
    case 1:
      return foldDiacritics(name).toUpperCase();
    case 2:
      return name.replace(/^Công ty TNHH MTV /i, 'Cty TNHH ').replace(/^Công ty /i, 'Cty ');
    case 3:
      return foldDiacritics(name.replace(/^Công ty Cổ phần /i, 'CTY CP ')).toUpperCase();
    default:
      return foldDiacritics(name);
  }
}

/** A typo that changes the normalised name: a swapped pair or a dropped letter in the last word. */
export function typoName(rng: Rng, name: string): string {
  const words = foldDiacritics(name).toUpperCase().split(' ');
  const lastIdx = words.length - 1;
  const w = words[lastIdx] ?? '';
  let typo: string;
  if (w.length >= 3 && rng.chance(0.5)) {
    const i = rng.int(0, w.length - 2);
    typo = w.slice(0, i) + w.charAt(i + 1) + w.charAt(i) + w.slice(i + 2);
    if (typo === w) typo = w.slice(0, -1);
  } else {
    typo = w.length > 2 ? w.slice(0, -1) : `${w}X`;
  }
  words[lastIdx] = typo;
  return words.join(' ');
}
