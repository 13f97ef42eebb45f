/**
 * The designated postal operator behind each UPU S10 country code (ISO 3166-1 alpha-2 of the issuing post),
 * including territories that run their own post (Jersey, Guernsey, Isle of Man, Gibraltar, Faroe, Greenland,
 * Aruba, Curaçao, New Caledonia, French Polynesia, Macao, Hong Kong…). A 13-character S10 number whose last two
 * letters are not here is not an S10 number (e.g. `…XX`).
 */
export const UPU_OPERATORS: Readonly<Record<string, string>> = {
  AD: 'Andorra (La Poste / Correos)', AE: 'Emirates Post', AF: 'Afghan Post', AG: 'Antigua and Barbuda Postal Service',
  AI: 'Anguilla Postal Service', AL: 'Posta Shqiptare', AM: 'HayPost', AO: 'Correios de Angola', AR: 'Correo Argentino',
  AT: 'Österreichische Post', AU: 'Australia Post', AW: 'Post Aruba', AZ: 'Azerpost', BA: 'BH Pošta',
  BB: 'Barbados Postal Service', BD: 'Bangladesh Post Office', BE: 'bpost', BF: 'SONAPOST', BG: 'Bulgarian Posts',
  BH: 'Bahrain Post', BI: 'Régie nationale des postes (Burundi)', BJ: 'La Poste du Bénin', BM: 'Bermuda Post Office',
  BN: 'Brunei Postal Services', BO: 'Correos de Bolivia', BR: 'Correios', BS: 'Bahamas Postal Service',
  BT: 'Bhutan Post', BW: 'BotswanaPost', BY: 'Belpochta', BZ: 'Belize Postal Service', CA: 'Canada Post',
  CD: 'Société congolaise des postes (DR Congo)', CF: 'Office national des postes (Central African Republic)',
  CG: 'Société des postes (Congo)', CH: 'Swiss Post', CI: 'La Poste de Côte d’Ivoire', CL: 'Correos de Chile',
  CM: 'Campost', CN: 'China Post', CO: '4-72 (Colombia)', CR: 'Correos de Costa Rica', CU: 'Correos de Cuba',
  CV: 'Correios de Cabo Verde', CW: 'Cpost (Curaçao)', CY: 'Cyprus Post', CZ: 'Česká pošta', DE: 'Deutsche Post',
  DJ: 'La Poste de Djibouti', DK: 'PostNord Denmark', DM: 'Dominica General Post Office', DO: 'INPOSDOM',
  DZ: 'Algérie Poste', EC: 'Correos del Ecuador', EE: 'Omniva (Eesti Post)', EG: 'Egypt Post',
  ER: 'Eritrean Postal Service', ES: 'Correos', ET: 'Ethiopian Postal Service', FI: 'Posti', FJ: 'Post Fiji',
  FO: 'Posta (Faroe Islands)', FR: 'La Poste', GA: 'La Poste (Gabon)', GB: 'Royal Mail', GD: 'Grenada Postal Corporation',
  GE: 'Georgian Post', GG: 'Guernsey Post', GH: 'Ghana Post', GI: 'Royal Gibraltar Post Office',
  GL: 'Tusass (Greenland)', GM: 'Gambia Postal Services', GN: 'La Poste guinéenne', GQ: 'Equatorial Guinea Post',
  GR: 'ELTA Hellenic Post', GT: 'El Correo (Guatemala)', GW: 'Correios da Guiné-Bissau', GY: 'Guyana Post Office',
  HK: 'Hongkong Post', HN: 'Honducor', HR: 'Hrvatska pošta', HT: 'Office des Postes d’Haïti', HU: 'Magyar Posta',
  ID: 'Pos Indonesia', IE: 'An Post', IL: 'Israel Post', IM: 'Isle of Man Post Office', IN: 'India Post',
  IQ: 'Iraqi Post', IR: 'Iran Post', IS: 'Íslandspóstur', IT: 'Poste Italiane', JE: 'Jersey Post', JM: 'Post Jamaica',
  JO: 'Jordan Post', JP: 'Japan Post', KE: 'Posta Kenya', KG: 'Kyrgyz Post', KH: 'Cambodia Post', KI: 'Kiribati Post',
  KM: 'Société nationale des postes (Comoros)', KN: 'St Kitts and Nevis Postal Services', KP: 'Korea Post (DPRK)',
  KR: 'Korea Post', KW: 'Kuwait Post', KY: 'Cayman Islands Postal Service', KZ: 'Kazpost', LA: 'Lao Post',
  LB: 'LibanPost', LC: 'Saint Lucia Postal Service', LI: 'Liechtensteinische Post', LK: 'Sri Lanka Post',
  LR: 'Liberia Postal Service', LS: 'Lesotho Post', LT: 'Lietuvos paštas', LU: 'POST Luxembourg', LV: 'Latvijas Pasts',
  LY: 'Libya Post', MA: 'Barid Al-Maghrib', MC: 'La Poste Monaco', MD: 'Poșta Moldovei', ME: 'Pošta Crne Gore',
  MG: 'Paositra Malagasy', MK: 'Pošta na Severna Makedonija', ML: 'La Poste du Mali', MM: 'Myanma Posts',
  MN: 'Mongol Post', MO: 'Macao Post', MR: 'Mauripost', MS: 'Montserrat Post Office', MT: 'MaltaPost',
  MU: 'Mauritius Post', MV: 'Maldives Post', MW: 'Malawi Posts Corporation', MX: 'Correos de México',
  MY: 'Pos Malaysia', MZ: 'Correios de Moçambique', NA: 'NamPost', NC: 'OPT Nouvelle-Calédonie', NE: 'Niger Poste',
  NG: 'Nigerian Postal Service', NI: 'Correos de Nicaragua', NL: 'PostNL', NO: 'Posten Norge', NP: 'Nepal Post',
  NR: 'Nauru Post', NZ: 'NZ Post', OM: 'Oman Post', PA: 'Correos de Panamá', PE: 'Serpost', PF: 'OPT Polynésie',
  PG: 'Post PNG', PH: 'PHLPost', PK: 'Pakistan Post', PL: 'Poczta Polska', PS: 'Palestine Post', PT: 'CTT Correios',
  PY: 'Correo Paraguayo', QA: 'Qatar Post', RO: 'Poșta Română', RS: 'Pošta Srbije', RU: 'Russian Post',
  RW: 'Iposita (Rwanda)', SA: 'Saudi Post (SPL)', SB: 'Solomon Post', SC: 'Seychelles Postal Services', SD: 'Sudapost',
  SE: 'PostNord Sweden', SG: 'Singapore Post', SH: 'St Helena Post Office', SI: 'Pošta Slovenije',
  SK: 'Slovenská pošta', SL: 'Sierra Leone Postal Services', SM: 'Poste San Marino', SN: 'La Poste du Sénégal',
  SO: 'Somali Post', SR: 'Surpost', SS: 'South Sudan Postal Services', ST: 'Correios de São Tomé e Príncipe',
  SV: 'Correos de El Salvador', SY: 'Syrian Post', SZ: 'Eswatini Post', TC: 'Turks and Caicos Post',
  TD: 'Société tchadienne des postes', TG: 'La Poste du Togo', TH: 'Thailand Post', TJ: 'Tajik Post',
  TL: 'Correios de Timor-Leste', TM: 'Turkmenpost', TN: 'La Poste Tunisienne', TO: 'Tonga Post', TR: 'PTT (Türkiye)',
  TT: 'TTPost', TV: 'Tuvalu Post', TW: 'Chunghwa Post', TZ: 'Tanzania Posts Corporation', UA: 'Ukrposhta',
  UG: 'Posta Uganda', US: 'USPS', UY: 'Correo Uruguayo', UZ: 'O‘zbekiston pochtasi', VA: 'Poste Vaticane',
  VC: 'SVG Postal Corporation', VE: 'Ipostel', VG: 'BVI Post', VN: 'Vietnam Post', VU: 'Vanuatu Post',
  WS: 'Samoa Post', YE: 'Yemen Post', ZA: 'South African Post Office', ZM: 'Zampost', ZW: 'Zimpost',
};

/**
 * What the S10 service indicator (the two leading letters) says about the item. Informative only: posts also
 * assign series nationally (e.g. domestic tracked services), so an unlisted indicator does not make a number
 * invalid.
 */
export function describeS10Service(indicator: string): string {
  switch (indicator.charCodeAt(0)) {
    case 69: return 'EMS'; // E
    case 67: return 'parcel'; // C
    case 72: return 'e-commerce parcel'; // H
    case 76: return 'tracked letter'; // L
    case 82: return 'registered letter'; // R
    case 86: return 'insured letter'; // V
    case 85: return 'customs letter'; // U
    case 77: return 'M-bag'; // M
    case 81: return 'reply coupon item'; // Q
    default: return 'domestic or bilateral service';
  }
}
