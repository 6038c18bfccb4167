import { foldWords, matchesWords } from './search.js';

describe('accent-blind picker search', () => {
  it('folds case, đ and diacritics, and splits on punctuation', () => {
    expect(foldWords('BHXH huyện Đắk R’lấp')).toEqual(['bhxh', 'huyen', 'dak', 'r', 'lap']);
  });

  it('finds a name whatever the accents or case, each query word beginning a word, in any order', () => {
    const office = '06701 BHXH huyện Gia Nghĩa';
    for (const q of ['gia nghia', 'GIA NGHĨA', 'nghia gia', 'huyen gia ngh', '0670', '']) {
      expect({ q, found: matchesWords(q, office) }).toEqual({ q, found: true });
    }
    for (const q of ['gia nghiax', 'ia nghia', 'tuy duc']) {
      expect({ q, found: matchesWords(q, office) }).toEqual({ q, found: false });
    }
  });
});
