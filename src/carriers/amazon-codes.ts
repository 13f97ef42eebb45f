/**
 * Amazon's CarrierCode values: exact strings (case, spaces and punctuation are significant), in schema order.
 * Facts from the amzn-base.xsd CarrierCode enumeration as researched in docs/carriers.md ('Amazon carrier codes').
 * Amazon requires an exact match: a code that differs in case, spacing or accents is taken as `Other`. The list is the
 * older schema copy plus the codes of the 2026 copy (`AMAZON_CARRIER_CODES_2026`); docs/carriers.md says where each
 * comes from and how to update them.
 */

export const AMAZON_CARRIER_CODES: readonly string[] = [
  'UPS', 'UPSMI', 'FedEx', 'DHL', 'Fastway', 'GLS',
  'GO!', 'Hermes Logistik Gruppe', 'Royal Mail', 'Parcelforce', 'City Link', 'TNT',
  'Target', 'SagawaExpress', 'NipponExpress', 'YamatoTransport', 'DHL Global Mail', 'UPS Mail Innovations',
  'FedEx SmartPost', 'OSM', 'OnTrac', 'Streamlite', 'Newgistics', 'Canada Post',
  'Blue Package', 'Chronopost', 'Deutsche Post', 'DPD', 'La Poste', 'Parcelnet',
  'Poste Italiane', 'SDA', 'Smartmail', 'FEDEX_JP', 'JP_EXPRESS', 'NITTSU',
  'SAGAWA', 'YAMATO', 'BlueDart', 'AFL/Fedex', 'Aramex', 'India Post',
  'Professional', 'DTDC', 'Overnite Express', 'First Flight', 'Delhivery', 'Lasership',
  'Yodel', 'Other', 'Amazon Shipping', 'Seur', 'Correos', 'MRW',
  'Endopack', 'Chrono Express', 'Nacex', 'Otro', 'Correios', 'Toll Global Express',
  'China Post', 'AUSSIE_POST', 'EUB', 'Australia Post', 'Yun Express', '4PX',
  'Hermes', 'SF Express', 'BRT', 'Australia Post-Consignment', 'Australia Post-ArticleId', 'Sendle',
  'CouriersPlease', 'A-1', 'AAA Cooper', 'ABF', 'ALLJOY', 'Aras Kargo',
  'Arkas', 'Arrow XL', 'Asendia', 'Asgard', 'Assett', 'AT POST',
  'ATS', 'Balnak', 'Beijing Quanfeng Express', 'Best Buy', 'Best Express', 'BJS',
  'Bombax', 'Cart2India', 'CDC', 'CELERITAS', 'CEVA', 'Ceva Lojistik',
  'Cititrans', 'Coliposte', 'Colissimo', 'Conway', 'Correos Express', 'Couriers Please',
  'CTTExpress', 'DB Schenker', 'DHL eCommerce', 'DHL Express', 'DHL Freight', 'DHL Home Delivery',
  'DHL Kargo', 'DHL-Paket', 'DHLPL', 'Digital Delivery', 'DirectLog', 'Dotzot',
  'DSV', 'DX Freight', 'ECMS', 'Ecom Express', 'Emirates Post', 'Energo',
  'Envialia', 'Estafeta', 'Estes', 'Fedex Freight', 'Fillo Kargo', 'First Flight China',
  'First Mile', 'Gati', 'GEL Express', 'geodis', 'Geodis Calberson', 'Geopost Kargo',
  'Hermes Einrichtungsservice', 'Home Logistics', 'Hongkong Post', 'Horoz Lojistik', 'HS code', 'Hunter Logistics',
  'ICC Worldwide', 'IDS Netzwerk', 'InPost', 'iParcel', 'Japan Post', 'JCEX',
  'Kargokar', 'Kuehne+Nagel', 'Landmark', 'Metro Kargo', 'MNG Kargo', 'Narpost Kargo',
  'Nexive', 'Ninjavan', 'Old Dominion', 'OneWorldExpress', 'Panther', 'Pilot',
  'Pilot Freight', 'Polish Post', 'Post NL', 'PostNord', 'PTT Kargo', 'PUROLATOR',
  'QExpress', 'Qxpress', 'R+L', 'Raben Group', 'Rhenus', 'Rieck',
  'Rivigo', 'Roadrunner', 'Safexpress', 'Saia', 'Seino', 'SEINO TRANSPORTATION',
  'Selem Kargo', 'Self Delivery', 'SENDLE', 'SFC', 'Ship Delight', 'Ship Global US',
  'ShipEconomy', 'ShipGlobal', 'Shree Maruti Courier', 'Shree Tirupati Courier', 'Shunfeng Express', 'Singapore Post',
  'South Eastern Freight Lines', 'Speedex', 'Spoton', 'StarTrack-ArticleID', 'StarTrack-Consignment', 'STO Express',
  'Tezel Lojistik', 'The Professional Couriers', 'TIPSA', 'TNT Kargo', 'TNTIT', 'Total Express',
  'Trackon', 'TransFolha', 'Tuffnells', 'UPS Freight', 'Urban Express', 'VIR',
  'VNLIN', 'WanbExpress', 'Watkins and Shepard', 'Whizzard', 'WINIT', 'XDP',
  'XPO Freight', 'Xpressbees', 'YDH', 'Yellow Freight', 'YTO Express', 'Yunda Express',
  'ZTO Express', 'Tourline', 'Centex', 'iMile', 'Chukou1', 'CNE',
  'Equick', 'UBI', 'Sunyou', 'COLIS PRIVE', 'Colis Prive', 'DASCHER',
  'DACHSER', 'France Express', 'Heppner', 'Kuehne Nagel', 'Arco Spedizioni', 'FAST EST',
  'FERCAM', 'Fercam', 'Liccardi', 'Milkman', 'Zust Ambrosetti', 'Yanwen',
  'ROYAL_MAIL', 'Whistl', 'Hermes (Corporate)', 'AMAUK', 'The Delivery Group', 'RMLGB',
  'UKMail', 'APC', 'Jersey Post', 'Caribou', 'Hermes UK', 'DPD Local',
  'UK MAIL', 'APC Overnight', 'USPS', 'DX Express', 'DX Secure', 'Parcel Station',
  'AMZL_UK', 'DX', 'APC-Overnight', 'B2C Europe', 'ITD Global', 'Parcelhub',
  'HubEurope', 'Huxloe Logistics', 'GFS', 'Spring GDS', 'Verage Shipping', 'MHI',
  'Truline', 'Delivery Group', 'PDC Logistics', 'PARCEL2GO.COM', 'DEL Deliveries', 'Parcelink Logistics',
  'Cubyn', 'Hotpoint Logistics', 'AT Post', 'GEL', 'IDS', 'Raben',
  'AO Deutschland', 'MZZ-Briefdienst', 'Der Kurier', 'REDUR', 'Europaczka', 'Emons',
  'Seven Senders', 'Sendcloud', 'Mail Alliance', 'Mainpost', 'PIN', 'Post Modern',
  'Trans-o-Flex', 'Exapaq', 'Trakpak', 'BPOST', 'UPakWeShip', 'Mondial Relay',
  'Swiss post', 'Consegna Mezzi Propri', 'DACSHER', 'GEODIS', 'XPO', 'NACEX',
  'Sprint', 'Susa', 'Zeleris', 'TWS', 'Sailpost', 'WPX',
  'HRP', 'Sending', 'CBL', 'DYNAMIC EXPRESS', 'EINSA SOURCING', 'GRUPO LOGISTIC',
  'KEAVO', 'NTL', 'SPRING', 'Szendex', 'TDN', 'TransaragonÃ©s',
  'TSB', 'TXT', 'TyD', 'Via Xpress', 'CTT EXPRESS', 'FRANCE EXPRESS',
  'Bartolini', 'AMZL', 'Andere', 'AO', 'B2C', 'CargoLine',
  'Citypost', 'Delivengo', 'DPB', 'EKI Trans', 'FRACHTPOST', 'Hellmann',
  'Hlog', 'honesteye', 'Huxloe', 'Interlink', 'Interno', 'Intersoft',
  'JPL UPU', 'Kybotech', 'Landmark Global', 'MBE', 'Mezzi propri', 'MZZ Briefdienst',
  'NOVEO', 'OCS Worldwide', 'ONTIME', 'Palletline', 'Palletways', 'Parcel Hub',
  'Parcel Monkey', 'Parcel2go', 'ParcelDenOnline', 'ParcelOne', 'PostNL', 'RBNA',
  'RR Donnelley', 'Schweizer Post', 'Shipmate', 'Sonstige', 'Stahlmann and Sachs', 'Stampit',
  'STG', 'Transaher', 'Translink', 'Transoflex', 'Upsilon',
];

/**
 * Codes of the January 2026 copy of the list (amzn-base._TTH_.xsd, as an integrator's help page shows it, read from A
 * to "Interlink") that the older schema copy above lacks. The page marks no code as removed in that range.
 */
export const AMAZON_CARRIER_CODES_2026: readonly string[] = [
  '360lion', 'AMAZON HORIZON', 'APC POSTAL LOGISTICS', 'APG eCommerce', 'ARAS', 'BR1 Express',
  'Bombino Express', 'Colis Privé', 'DHL Parcel UK', 'ePost Global', 'Ecom Shipping solutions PVT ltd', 'HNC',
  'Huahan Logisitics',
];

/**
 * Per marketplace, what Amazon's own pages say about the codes there. `listed`: the codes a marketplace's page
 * names (AU and SG: the 'shipping confirmation template' help pages; IN and JP: the integrated carriers Amazon
 * names there, as exact codes). Absence from `listed` proves nothing — the pages are not the whole list — so it
 * only decides which code to suggest; `otherAllowed: false` is a rule: India has no `Other` for self-ship orders.
 */
export interface MarketplaceCodes {
  readonly listed: readonly string[];
  readonly otherAllowed: boolean;
}

export const MARKETPLACE_CODES: Readonly<Partial<Record<string, MarketplaceCodes>>> = {
  AU: {
    otherAllowed: true,
    listed: [
      'UPS', 'FedEx', 'DHL', 'Fastway', 'TNT', 'Aramex', 'India Post', 'Other', 'China Post', 'EUB', 'Yun Express', '4PX',
      'SF Express', 'Australia Post-Consignment', 'Australia Post-ArticleId', 'Sendle', 'Couriers Please', 'USPS',
    ],
  },
  SG: {
    otherAllowed: true,
    listed: [
      'UPS', 'UPSMI', 'FedEx', 'DHL', 'Fastway', 'GLS', 'GO!', 'Hermes Logistik Gruppe', 'Royal Mail', 'Parcelforce',
      'City Link', 'TNT', 'Target', 'SagawaExpress', 'NipponExpress', 'YamatoTransport', 'DHL Global Mail',
      'UPS Mail Innovations', 'FedEx SmartPost', 'OSM', 'OnTrac', 'Streamlite', 'Newgistics', 'Canada Post', 'Blue Package',
      'Aramex', 'Lasership', 'Other', 'China Post', '4PX', 'SF Express', 'DHL eCommerce', 'Ninjavan', 'Qxpress',
      'Singapore Post', 'Yanwen', 'USPS',
    ],
  },
  IN: {
    otherAllowed: false,
    listed: [
      'BlueDart', 'Bombax', 'Delhivery', 'DHL', 'Dotzot', 'DTDC', 'AFL/Fedex', 'First Flight', 'India Post', 'Rivigo',
      'Safexpress', 'Ship Delight', 'ShipEconomy', 'Shree Maruti Courier', 'Shree Tirupati Courier', 'Spoton',
      'The Professional Couriers', 'Xpressbees', 'Aramex', 'UPS', 'USPS', 'Yanwen', 'Yun Express', '4PX', 'ALLJOY',
      'Cart2India', 'China Post', 'ICC Worldwide', 'ShipGlobal',
    ],
  },
  JP: {
    otherAllowed: true,
    listed: [
      'YAMATO', 'SAGAWA', 'Japan Post', '4PX', 'China Post', 'DHL', 'FEDEX_JP', 'SF Express', 'SFC', 'UPS', 'Yanwen', 'YDH',
      'Yun Express', 'Sunyou', 'WanbExpress',
    ],
  },
};

/** The codes meaning 'a carrier not on the list; name it in CarrierName' (English, Spanish, German). */
export const OTHER_CARRIER_CODES: readonly string[] = ['Other', 'Otro', 'Andere', 'Sonstige'];
