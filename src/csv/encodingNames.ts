// The encodings iconv-lite 0.7.3 knows, by canonical name (lower case, letters and digits only), so that an
// `encoding` option is checked at the call without loading iconv-lite (which is loaded only when a
// non-Unicode encoding is written). test/csv/encodingNames.test.ts fails when iconv-lite changes its list.
const NAMES = new Set(
  (
    '10000 10006 10007 10029 10079 10081 1046 1124 1125 1129 1133 1161 1162 1163 1250 1251 1252 1253 1254 ' +
    '1255 1256 1257 1258 20866 21866 28591 28592 28593 28594 28595 28596 28597 28598 28599 28600 28601 ' +
    '28603 28604 28605 28606 437 737 775 808 850 852 855 856 857 858 860 861 862 863 864 865 866 869 874 ' +
    '922 932 936 949 950 ansix34 ansix341968 ansix341986 arabic arabic8 armscii8 ascii ascii8bit asmo708 ' +
    'base64 big5 big5hkscs binary celtic celtic8 cesu8 chinese cn cnbig5 cp1046 cp1124 cp1125 cp1129 ' +
    'cp1133 cp1161 cp1162 cp1163 cp1250 cp1251 cp1252 cp1253 cp1254 cp1255 cp1256 cp1257 cp1258 cp20866 ' +
    'cp21866 cp28591 cp28592 cp28593 cp28594 cp28595 cp28596 cp28597 cp28598 cp28599 cp28600 cp28601 ' +
    'cp28603 cp28604 cp28605 cp28606 cp367 cp437 cp720 cp737 cp775 cp808 cp819 cp850 cp852 cp855 cp856 ' +
    'cp857 cp858 cp860 cp861 cp862 cp863 cp864 cp865 cp866 cp869 cp874 cp922 cp932 cp936 cp949 cp950 cpgr ' +
    'csascii csbig5 cseuckr csgb2312 cshproman8 csibm1046 csibm1124 csibm1125 csibm1129 csibm1133 ' +
    'csibm1161 csibm1162 csibm1163 csibm437 csibm737 csibm775 csibm850 csibm852 csibm855 csibm856 ' +
    'csibm857 csibm858 csibm860 csibm861 csibm862 csibm863 csibm864 csibm865 csibm866 csibm869 csibm922 ' +
    'csiso14jisc6220ro csiso58gb231280 csisolatin1 csisolatin2 csisolatin3 csisolatin4 csisolatin5 ' +
    'csisolatin6 csisolatinarabic csisolatincyrillic csisolatingreek csisolatinhebrew cskoi8r ' +
    'csksc56011987 csmacintosh cspc775baltic cspc850multilingual cspc862latinhebrew cspc8codepage437 ' +
    'cspcp852 csshiftjis cyrillic ecma114 ecma118 elot928 euccn eucjp euckr gb18030 gb198880 gb2312 ' +
    'gb23121980 gb231280 gbk georgianacademy georgianps greek greek8 hebrew hebrew8 hex hproman8 ibm1046 ' +
    'ibm1051 ibm1124 ibm1125 ibm1129 ibm1133 ibm1161 ibm1162 ibm1163 ibm1168 ibm367 ibm437 ibm737 ibm775 ' +
    'ibm808 ibm819 ibm850 ibm852 ibm855 ibm856 ibm857 ibm858 ibm860 ibm861 ibm862 ibm863 ibm864 ibm865 ' +
    'ibm866 ibm869 ibm878 ibm922 iso646cn iso646irv iso646jp iso646us iso88591 iso885910 iso885911 ' +
    'iso885913 iso885914 iso885915 iso885916 iso88592 iso88593 iso88594 iso88595 iso88596 iso88597 ' +
    'iso88598 iso88598e iso88598i iso88599 isoceltic isoir100 isoir101 isoir109 isoir110 isoir126 ' +
    'isoir127 isoir138 isoir14 isoir144 isoir148 isoir149 isoir157 isoir166 isoir179 isoir199 isoir203 ' +
    'isoir226 isoir57 isoir58 isoir6 jisc62201969ro jp koi8r koi8ru koi8t koi8u korean ksc5601 ' +
    'ksc56011987 ksc56011989 l1 l10 l2 l3 l4 l5 l6 l7 l8 l9 latin1 latin10 latin2 latin3 latin4 latin5 ' +
    'latin6 latin7 latin8 latin9 mac maccenteuro maccroatian maccyrillic macgreek maciceland macintosh ' +
    'macroman macromania macthai macturkish macukraine mik ms31j ms932 ms936 ms949 ms950 msansi msarab ' +
    'mscyrl msee msgreek mshebr mskanji msturk pt154 r8 rk1048 roman8 shiftjis sjis strk10482002 tcvn ' +
    'tcvn5712 tcvn57121 thai thai8 tis620 tis6200 tis62025291 tis62025330 turkish turkish8 ucs2 ucs4 ' +
    'ucs4be ucs4le unicode11utf7 unicode11utf8 us usascii utf16 utf16be utf16le utf32 utf32be utf32le ' +
    'utf7 utf7imap utf8 viscii win1250 win1251 win1252 win1253 win1254 win1255 win1256 win1257 win1258 ' +
    'win874 winbaltrim windows1250 windows1251 windows1252 windows1253 windows1254 windows1255 ' +
    'windows1256 windows1257 windows1258 windows31j windows874 windows932 windows936 windows949 ' +
    'windows950 xgbk xroman8 xsjis xxbig5'
  ).split(' '),
);

/** iconv-lite's canonical form of an encoding name: lower case, no punctuation, no `:YYYY` suffix. */
export function canonicalEncoding(name: string): string {
  return name.toLowerCase().replace(/:\d{4}$|[^0-9a-z]/g, '');
}

/** True when iconv-lite knows the encoding (checked without loading it). */
export function encodingExists(name: string): boolean {
  return NAMES.has(canonicalEncoding(name));
}

/** Whether `encoding` can hold U+FFFD as a character of its own (then a U+FFFD in the text may be real). */
export function encodesReplacementChar(encoding: string): boolean {
  // Legacy code pages map their undefined bytes to U+FFFD, but no real character to it; the
  // Unicode encodings (UTF-7/16/32, CESU-8, GB 18030) can write U+FFFD as text.
  return /^(utf|ucs|cesu|gb-?18030)/i.test(encoding.replace(/[^a-z0-9-]/gi, ''));
}
