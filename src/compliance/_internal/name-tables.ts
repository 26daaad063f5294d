/**
 * Word lists used by name analysis. All entries are in the folded form produced by
 * `foldName` (upper-case ASCII, punctuation removed, dots of acronyms dropped).
 * @internal
 */

/**
 * Legal forms, as token sequences, mapped to one canonical code. Sources: ISO 20275 Entity Legal
 * Forms (ELF) code list abbreviations for the jurisdictions that dominate sanctions lists
 * (RU, UA, BY, IR, CN, AE, DE, GB, US, FR, ES, IT, RO, PL, NL, Scandinavia), plus the romanised
 * Russian long forms that OFAC prints ("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU").
 */
const LEGAL_FORM_SOURCE: Readonly<Record<string, readonly string[]>> = {
  LTD: ['LTD', 'LIMITED', 'LTDA', 'LIMITADA', 'PVT LTD', 'PRIVATE LIMITED', 'PTE LTD', 'PTY LTD', 'CO LTD'],
  LLC: [
    'LLC',
    'LIMITED LIABILITY COMPANY',
    'LIMITED LIABILITY CO',
    'L L C',
    'OOO',
    'OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU',
    'OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU',
    'OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTIU',
    'OBSCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU',
    'TOV',
    'TOO',
    'SRL',
    'SARL',
    'SOCIETATEA CU RASPUNDERE LIMITATA',
    'SOCIETA A RESPONSABILITA LIMITATA',
    'SOCIEDAD DE RESPONSABILIDAD LIMITADA',
    'SOCIETE A RESPONSABILITE LIMITEE',
    'SP Z OO',
    'SPOLKA Z OGRANICZONA ODPOWIEDZIALNOSCIA',
    'GMBH',
    'GESELLSCHAFT MIT BESCHRANKTER HAFTUNG',
    'FZE',
    'FZCO',
    'FZ LLC',
    'FZC',
    'DMCC',
    'SDN BHD',
    'BHD',
  ],
  JSC: [
    'JSC',
    'OJSC',
    'CJSC',
    'PJSC',
    'OAO',
    'ZAO',
    'PAO',
    'AO',
    'PAT',
    'PRAT',
    'JOINT STOCK COMPANY',
    'OPEN JOINT STOCK COMPANY',
    'CLOSED JOINT STOCK COMPANY',
    'PUBLIC JOINT STOCK COMPANY',
    'JOINT STOCK CO',
    'AKTSIONERNOE OBSHCHESTVO',
    'AKCIONERNOE OBSHCHESTVO',
    'OTKRYTOE AKTSIONERNOE OBSHCHESTVO',
    'ZAKRYTOE AKTSIONERNOE OBSHCHESTVO',
    'PUBLICHNOE AKTSIONERNOE OBSHCHESTVO',
  ],
  INC: ['INC', 'INCORPORATED'],
  CORP: ['CORP', 'CORPORATION'],
  CO: ['CO', 'COMPANY', 'CIA', 'COMPANIA', 'COMPAGNIE', 'CIE'],
  PLC: ['PLC', 'PUBLIC LIMITED COMPANY'],
  AG: ['AG', 'AKTIENGESELLSCHAFT', 'AKTIENGESELSCHAFT', 'KGAA', 'SE'],
  SA: [
    'SA',
    'SOCIEDAD ANONIMA',
    'SOCIETE ANONYME',
    'SOCIEDADE ANONIMA',
    'SPA',
    'SOCIETA PER AZIONI',
    'SAS',
    'SAC',
    'SA DE CV',
    'SAPI DE CV',
    'S DE RL DE CV',
    'DE CV',
    'SAU',
    'SL',
    'NV',
    'BV',
    'AB',
    'AS',
    'ASA',
    'A S',
    'OY',
    'OYJ',
    'KK',
    'KABUSHIKI KAISHA',
  ],
  LP: ['LP', 'LLP', 'LIMITED PARTNERSHIP', 'KG', 'GMBH CO KG'],
  PTE: ['PTE', 'PTY', 'PVT', 'PRIVATE'],
  EST: ['EST', 'ESTABLISHMENT'],
};

/** Multi-token legal forms, longest first, each as its token list with its canonical code. */
export const LEGAL_FORMS: readonly { readonly tokens: readonly string[]; readonly code: string }[] =
  Object.entries(LEGAL_FORM_SOURCE)
    .flatMap(([code, forms]) => forms.map((form) => ({ tokens: form.split(' '), code })))
    .sort((a, b) => b.tokens.length - a.tokens.length);

/** Longest legal form, in tokens. */
export const LEGAL_FORM_TOKENS_MAX: number = LEGAL_FORMS[0]?.tokens.length ?? 1;

/**
 * Words that carry no identity: articles, prepositions and conjunctions of the languages that
 * dominate sanctions lists. They are dropped from the core name.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'THE',
  'OF',
  'AND',
  'FOR',
  'IN',
  'ON',
  'AT',
  'TO',
  'ET',
  'UND',
  'DES',
  'DU',
  'DEL',
  'DELLA',
  'LES',
]);

/**
 * Name particles: kept (they are part of the name) but weighed little, since they carry almost no
 * identity: AL-ASSAD / ASSAD, BIN / IBN / BEN, VAN / VON / DE.
 */
export const PARTICLES: ReadonlySet<string> = new Set([
  'AL',
  'EL',
  'UL',
  'BIN',
  'BEN',
  'IBN',
  'BINT',
  'BINTI',
  'BINTE',
  'OULD',
  'DE',
  'DA',
  'DO',
  'DOS',
  'DAS',
  'DI',
  'LA',
  'LE',
  'VAN',
  'VON',
  'DER',
  'DEN',
  'TER',
  'ST',
  'MC',
  'MAC',
]);

/** Titles and honorifics that precede a person's name and are dropped: MR, DR, SHEIKH, HAJI … */
export const TITLES: ReadonlySet<string> = new Set([
  'MR',
  'MRS',
  'MS',
  'MISS',
  'MADAM',
  'DR',
  'PROF',
  'PROFESSOR',
  'SIR',
  'LORD',
  'LADY',
  'SHEIKH',
  'SHAIKH',
  'SHAYKH',
  'SHEIK',
  'HAJI',
  'HAJJI',
  'HAJ',
  'ALHAJ',
  'ALHAJI',
  'HADJI',
  'MAULAVI',
  'MAWLAWI',
  'MAULVI',
  'MOULAVI',
  'MAWLAVI',
  'MULLAH',
  'MULLA',
  'MOLLA',
  'QARI',
  'IMAM',
  'AYATOLLAH',
  'PRESIDENT',
  'GENERAL',
  'GEN',
  'COLONEL',
  'COL',
  'MAJOR',
  'CAPTAIN',
  'CAPT',
  'LIEUTENANT',
  'BRIGADIER',
  'ADMIRAL',
  'ENGINEER',
  'ENG',
]);

/** Number words folded to digits, so "THREE PERCENTERS" meets "3 PERCENTERS". */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  ZERO: 0,
  ONE: 1,
  TWO: 2,
  THREE: 3,
  FOUR: 4,
  FIVE: 5,
  SIX: 6,
  SEVEN: 7,
  EIGHT: 8,
  NINE: 9,
  TEN: 10,
  ELEVEN: 11,
  TWELVE: 12,
  THIRTEEN: 13,
  FOURTEEN: 14,
  FIFTEEN: 15,
  SIXTEEN: 16,
  SEVENTEEN: 17,
  EIGHTEEN: 18,
  NINETEEN: 19,
  TWENTY: 20,
  THIRTY: 30,
  FORTY: 40,
  FIFTY: 50,
  SIXTY: 60,
  SEVENTY: 70,
  EIGHTY: 80,
  NINETY: 90,
  FIRST: 1,
  SECOND: 2,
  THIRD: 3,
  FOURTH: 4,
  FIFTH: 5,
  SIXTH: 6,
  SEVENTH: 7,
  EIGHTH: 8,
  NINTH: 9,
  TENTH: 10,
};

/** Roman numerals II to XXXIX (not I, V, X alone: those are initials far more often). */
export const ROMAN_NUMERAL: RegExp = /^(?=[IVX]{2,})X{0,3}(IX|IV|V?I{0,3})$/;

/** Value of a roman numeral accepted by {@link ROMAN_NUMERAL}. */
export function romanValue(token: string): number {
  const values: Record<string, number> = { I: 1, V: 5, X: 10 };
  let total = 0;
  for (let i = 0; i < token.length; i++) {
    const v = values[token[i]!] ?? 0;
    const next = i + 1 < token.length ? (values[token[i + 1]!] ?? 0) : 0;
    total += v < next ? -v : v;
  }
  return total;
}
