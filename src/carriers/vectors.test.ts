/**
 * Our own vectors: for every family at least two valid numbers and at least one invalid one (a wrong check
 * character where the family has one, and a number one character short). Generated once from the family
 * templates with a fixed seed and frozen here, plus public sample numbers the carriers document.
 */
import { describe, expect, it } from 'vitest';
import { CARRIERS } from './registry.js';
import { detect } from '../validate/detect.js';

const VECTORS: Readonly<Record<string, { valid: readonly string[]; invalid: readonly string[] }>> = {
  'usps-impb': { valid: ['9400111096544257217518','9205590252928111257096'], invalid: ['9400111096544257217519','920559025292811125709'] },
  'usps-20': { valid: ['03669698013400734494','03633119316306958698'], invalid: ['03669698013400734495','0363311931630695869'] },
  'usps-20-without-91': { valid: ['71965689859958053759','71969584675320098609'], invalid: ['71965689859958053750','7196958467532009860'] },
  'usps-s10': { valid: ['LZ579296864US','RR195513283US'], invalid: ['LZ579296865US','RR195513283U'] },
  'ups-1z': { valid: ['1ZQNZLQYYW42578153','1ZI69FH60101018902'], invalid: ['1ZQNZLQYYW42578154','1ZI69FH6010101890'] },
  'ups-waybill': { valid: ['K4473377850','V4525702881'], invalid: ['K4473377851','V452570288'] },
  'fedex-12': { valid: ['439234849545','528598446951'], invalid: ['439234849546','52859844695'] },
  'fedex-ground-15': { valid: ['163683206793204','978929253776765'], invalid: ['163683206793205','97892925377676'] },
  'fedex-ground-96': { valid: ['9611020284174558911252','9611020985924967399804'], invalid: ['9611020284174558911253','961102098592496739980'] },
  'fedex-ground-gsn': { valid: ['9671092527704900376241445173680178','9628630196250547171228009945715057'], invalid: ['9671092527704900376241445173680179','962863019625054717122800994571505'] },
  'fedex-34': { valid: ['1805309212378877867634632456472758','1381556604975639074242895914107728'], invalid: ['1805309212378877867634632456472759','138155660497563907424289591410772'] },
  'fedex-astra': { valid: ['34635925631615468757576656757886','31292907582137631390127070995963'], invalid: ['34635925631615468757576656767886','3129290758213763139012707099596'] },
  'fedex-sscc-18': { valid: ['002367573620327131','003985780124414305'], invalid: ['002367573620327132','00398578012441430'] },
  'amazon-tba': { valid: ['TBA643047857993','TBC879673373705'], invalid: ['TBC87967337370'] },
  'amazon-international': { valid: ['C2469205400','C1677775995'], invalid: ['C167777599'] },
  'dhl-express-waybill': { valid: ['93974324975','7767680793'], invalid: ['93974324976','776768079'] },
  'dhl-express-piece': { valid: ['JJD4775499162','JVGL4546680180'], invalid: ['JVGL4546680', 'J1D0045466801'] },
  'dhl-ecommerce-gm': { valid: ['GM363821461906518960','GM5234114696643035'], invalid: ['GMABCDEFGHIJKLMN', 'GM12345678'] },
  'dhl-ecommerce-regional': { valid: ['LX802047907948','LX402813764576'], invalid: ['LXABCDEFGHIJKLMN', 'LX1234567'] },
  'dhl-ecommerce-14': { valid: ['21983468002889','43304113526990'], invalid: ['4330411352699'] },
  'dhl-paket-sscc': { valid: ['00340434878479831407','00340434702429739324'], invalid: ['00340434878479831408','0034043470242973932'] },
  'dhl-paket-jjd': { valid: ['JJD598089704250181158','JJD893004984577306114','JD014600006281230704'], invalid: ['JJD89300498457730611','JD01460000628123070'] },
  'deutsche-post-s10': { valid: ['LX029578648DE','LX473081125DE'], invalid: ['LX029578649DE','LX473081125D'] },
  'dhl-paket-12': { valid: ['805351007226','243193746883'], invalid: ['24319374688'] },
  'ontrac-cd': { valid: ['D56976308882558','C34995735016355'], invalid: ['D56976308882559','C3499573501635'] },
  'lasership-1ls': { valid: ['1LSCX6Q1YIDLQEO','1LS711341157307'], invalid: ['1LS71134115730'] },
  'lasership-l': { valid: ['LE21517183','LE24534658','LS12345678'], invalid: ['LE2453465'] },
  'canada-post-16': { valid: ['1310305969062870','1977749645761982'], invalid: ['1310305969062871','197774964576198'] },
  'canada-post-s10': { valid: ['RR269444463CA','RR591503556CA'], invalid: ['RR269444464CA','RR591503556C'] },
  'purolator-12': { valid: ['377647841289','379434604615'], invalid: ['377647841280','37943460461'] },
  'purolator-alpha': { valid: ['OCO511672470','GSW551583952'], invalid: ['GSW55158395'] },
  'royal-mail-s10': { valid: ['RB899713770GB','JX082151835GB'], invalid: ['RB899713771GB','JX082151835G'] },
  'parcelforce-domestic': { valid: ['UR7248833','BP9352721'], invalid: ['BP935272'] },
  'evri-h': { valid: ['H36NNF7842357159','H59PXT1096291999'], invalid: ['H59PXT109629199'] },
  'evri-16': { valid: ['0475545677754395','8923054264946905'], invalid: ['892305426494690'] },
  'yodel-jd': { valid: ['JJD0907160942352101','JD8388726005222727'], invalid: ['JD838872600522272'] },
  'dpd-28': { valid: ['637582441867509736732149825V','433859756177977519647113267L'], invalid: ['6375824418675097367321498252','433859756177977519647113267'] },
  'dpd-14': { valid: ['64402101521555D','21733044889553X'], invalid: ['644021015215554','21733044889553'] },
  'dpd-14-bare': { valid: ['24607662024185','01117791140744'], invalid: ['0111779114074'] },
  'gls-parcel': { valid: ['134274764027','47615726159'], invalid: ['4761572615'] },
  'gls-track-id': { valid: ['EQ376LQ0','JE510YW1'], invalid: ['JE510YW'] },
  'auspost-s10': { valid: ['EC712539905AU','EC327149012AU'], invalid: ['EC712539906AU','EC327149012A'] },
  'auspost-article': { valid: ['JHU42813227299942635','CPW05215846940748928'], invalid: ['CPW05215846940748', 'CPW0521584694074892X'] },
  'auspost-consignment': { valid: ['SZI0673920','ESI5178117'], invalid: ['ESI517811'] },
  'startrack-article': { valid: ['QEYV0770974022254','PINO8278160830376'], invalid: ['PINO827816083037'] },
  'startrack-consignment': { valid: ['EDIS84951345','PJOX72094058'], invalid: ['PJOX7209405'] },
  'japan-post-s10': { valid: ['EJ370902141JP','EJ601136598JP'], invalid: ['EJ370902142JP','EJ601136598J'] },
  'japan-post-domestic': { valid: ['080165154965','271047640601'], invalid: ['2710476406', '27104764060A'] },
  'yamato-12': { valid: ['925765623451','405135672631'], invalid: ['925765623452','40513567263'] },
  'sagawa-12': { valid: ['481210628286','136098164764'], invalid: ['481210628287','13609816476'] },
  'china-post-s10': { valid: ['LK537536949CN','LK752765357CN'], invalid: ['LK537536940CN','LK752765357C'] },
  'yunexpress-yt': { valid: ['YT4866274863718883','YT0941333156144372'], invalid: ['YT094133315614437'] },
  'yanwen-own': { valid: ['UG742908154YW','UG354762737YW'], invalid: ['UG354762737Y'] },
  '4px-own': { valid: ['4PX6798233237463CN','4PX1496690295820CN'], invalid: ['4PX1496690295820C'] },
  'old-dominion-pro': { valid: ['07296126506','77740014806'], invalid: ['07296126507','7774001480'] },
  'old-dominion-guaranteed': { valid: ['80307830697','80906512068'], invalid: ['80307830698','8090651206'] },
  'landmark-ltn': { valid: ['LTN96606573N1','LTN62356262N1','LTN1234567890N3'], invalid: ['LTN62356262N','LTN96606573N5'] },
  'canpar-22': { valid: ['D136210552678104106840','D926135516314121300523'], invalid: ['D92613551631412130052'] },
  'speedee-sp': { valid: ['SP777614430746820950','SP983919894094710808'], invalid: ['SP98391989409471080'] },
  'gofo-us': { valid: ['GFUS07498184686559','GFUS36450007412161'], invalid: ['GFUS3645000741216'] },
  'upu-post-s10': { valid: ['LB059408165NZ','EE866277286IE'], invalid: ['LB059408166NZ','EE866277286I'] },
  'dhl-paket-sscc-18': { valid: ['340434415207163371','340434337888248928'], invalid: ['340434415207163372','34043433788824892'] },
  'lasership-q': { valid: ['Q55374272','Q21162162'], invalid: ['Q2116216'] },
  'fedex-smartpost-20': { valid: ['02076357506991706872','61295726756676061156'], invalid: ['6129572675667606115'] },
  'aramex-awb': { valid: ['89347782495','76671518674'], invalid: ['89347782496','7667151867'] },
  'tnt-ge': { valid: ['GE169501334WW','GE155504920WW'], invalid: ['GE155504920W'] },
  'tnt-consignment': { valid: ['407991777','563046482'], invalid: ['56304648'] },
  'la-poste-s10': { valid: ['LA634282514FR','CP897906738FR'], invalid: ['LA634282515FR','CP897906738F'] },
  'colissimo-domestic': { valid: ['8A76357506991','8B68720572675'], invalid: ['8B6872057267'] },
  'postnl-s10': { valid: ['CD893477826NL','RR997667151NL'], invalid: ['CD893477827NL','RR997667151N'] },
  'postnl-3s': { valid: ['3SGEUT54129121295','3SWDFY8301158'], invalid: ['3SWDFY830115'] },
  'poste-italiane-s10': { valid: ['CE076357509IT','CE991706872IT'], invalid: ['CE076357500IT','CE991706872I'] },
  'correos-s10': { valid: ['CD553742723ES','CD211621624ES'], invalid: ['CD553742724ES','CD211621624E'] },
  'bpost-s10': { valid: ['RR217754120BE','RR121295087BE'], invalid: ['RR217754121BE','RR121295087B'] },
  'swiss-post-s10': { valid: ['CH055284474CH','CH043476295CH'], invalid: ['CH055284475CH','CH043476295C'] },
  'at-post-s10': { valid: ['RR553742723AT','RR211621624AT'], invalid: ['RR553742724AT','RR211621624A'] },
  'postnord-s10': { valid: ['CE634282514DK','RR897906738SE'], invalid: ['CE634282515DK','RR897906738S'] },
  'posti-s10': { valid: ['CA217754120FI','CA121295087FI'], invalid: ['CA217754121FI','CA121295087F'] },
  'polish-post-s10': { valid: ['CP407991779PL','CP956304648PL'], invalid: ['CP407991770PL','CP956304648P'] },
  'inpost-24': { valid: ['217754129121295081298301','583616709874108767342959'], invalid: ['58361670987410876734295'] },
  'india-post-s10': { valid: ['RR055284474IN','RR043476295IN'], invalid: ['RR055284475IN','RR043476295I'] },
  'correios-s10': { valid: ['LB634282514BR','NX897906738BR'], invalid: ['LB634282515BR','NX897906738B'] },
  'emirates-post-s10': { valid: ['EE415207166AE','RR374337884AE'], invalid: ['EE415207167AE','RR374337884A'] },
  'singapore-post-s10': { valid: ['CP076357509SG','CP991706872SG'], invalid: ['CP076357500SG','CP991706872S'] },
  'hongkong-post-s10': { valid: ['EE415207166HK','RR374337884HK'], invalid: ['EE415207167HK','RR374337884H'] },
  'jersey-post-s10': { valid: ['LY407991779JE','LY956304648JE'], invalid: ['LY407991770JE','LY956304648J'] },
  'sf-waybill': { valid: ['SF8934778249976','SF7151867381498'], invalid: ['SF715186738149'] },
  'jt-number': { valid: ['JT2177541291212','JT5081298301158'], invalid: ['JT508129830115'] },
  'cainiao-lp': { valid: ['LP89347782499766','LP15186738149815'], invalid: ['LP1518673814981'] },
};

/** Sample numbers published by the carriers themselves (independent of our templates). */
const PUBLIC_SAMPLES: readonly [family: string, number: string][] = [
  ['ups-1z', '1Z999AA10123456784'],
  ['fedex-12', '123456789012'],
  ['fedex-ground-15', '449044304137821'],
  ['royal-mail-s10', 'RB123456785GB'],
];

function fitsFamily(number: string, familyId: string): 'pass' | 'fail' | 'none' | 'no-match' {
  const match = detect(number).find((m) => m.entry.family.id === familyId && !m.entry.partner);
  return match?.check ?? 'no-match';
}

describe('family vectors', () => {
  const families = CARRIERS.flatMap((carrier) => carrier.families);

  it('covers every registered family', () => {
    expect(Object.keys(VECTORS).sort()).toEqual(families.map((family) => family.id).sort());
  });

  for (const family of families) {
    const vectors = VECTORS[family.id]!;
    it(`${family.id}: valid numbers fit, invalid ones do not`, () => {
      expect(vectors.valid.length).toBeGreaterThanOrEqual(2);
      expect(vectors.invalid.length).toBeGreaterThanOrEqual(1);
      for (const number of vectors.valid) expect(fitsFamily(number, family.id), number).toBe(family.check ? 'pass' : 'none');
      for (const number of vectors.invalid) expect(['fail', 'no-match'], number).toContain(fitsFamily(number, family.id));
    });
  }

  it.each(PUBLIC_SAMPLES)('%s: public sample %s passes its check digit', (family, number) => {
    expect(fitsFamily(number, family)).toBe('pass');
  });
});
