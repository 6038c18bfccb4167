import { matchesSearch, searchKey } from './matching-search.js';

describe('accent-blind search of employer names', () => {
  it.each([
    ['Hợp tác xã Muối Gia Nghĩa', 'htx muoi gia nghia'],
    ['HTX MUOI GIA NGHIA', 'htx muoi gia nghia'],
    ['Công ty TNHH Một Thành Viên Đông Á', 'cty tnhh mtv dong a'],
    ['CÔNG TY CỔ PHẦN  Bình-Minh.', 'cty cp binh minh'],
    ["Trạm Y tế xã Đắk R'lấp", 'tram y te xa dak r lap'],
  ])('searchKey(%j) = %j', (name, key) => expect(searchKey(name)).toBe(key));

  const key = searchKey('Hợp tác xã Muối Gia Nghĩa');
  it.each([
    'muoi gia nghia',
    'Muối Gia Nghĩa',
    'HTX MUOI GIA NGHI',
    'hop tac xa muoi',
    'gia nghia',
    'nghia muoi',
    'MUOI',
    '',
  ])('%j finds Hợp tác xã Muối Gia Nghĩa', (q) => expect(matchesSearch(q, key)).toBe(true));
  it.each(['muoi dak mil', 'cong ty muoi', 'uoi', 'muoi gia nghiax', 'nghĩa gia muối đắk'])(
    '%j does not',
    (q) => expect(matchesSearch(q, key)).toBe(false),
  );

  it('legal-form words match whichever spelling the query uses', () => {
    const k = searchKey('Công ty TNHH Xây dựng Minh Phát');
    expect(matchesSearch('cong ty xay dung', k)).toBe(true);
    expect(matchesSearch('CTY TNHH XAY DUNG MINH P', k)).toBe(true);
    expect(matchesSearch('xây dựng minh phát', k)).toBe(true);
    expect(matchesSearch('hop tac xa xay dung', k)).toBe(false);
  });
});
