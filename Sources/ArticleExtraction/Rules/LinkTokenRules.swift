/// Query and path parameters that change from one visit to the next (or from one reader to the
/// next) without the link pointing anywhere else: session ids, the signatures of signed and
/// expiring URLs, click and mail trackers, cache busters and nonces. The links section of the
/// article text leaves them out (`withoutVisitTokens(_:)`), so that a page that writes a new
/// session id or signature into its links on every load is not an edit each time (issue #13).
///
/// What stays is everything a reader would call where the link points: the scheme, host and
/// path (a different object behind a signed URL is a different target), every other parameter
/// (`?id=2`, a search's `s=word`), the fragment, and affiliate ids (`tag=`, `ref=`: a changed
/// affiliate tag is an edit that compliance readers look for; ClearURLs drops `ref`, we keep it).
///
/// Names compare without case and after percent-decoding (`utm%5Fsource` is `utm_source`).
/// Sources: the tracking names are those of ClearURLs' global rules (github.com/ClearURLs/Rules,
/// `data.min.json`, provider `globalRules`) that are set per click, per mail or per visit, with
/// the click ids analytics vendors list (Google's gclid/gbraid/wbraid/dclid, Microsoft's msclkid,
/// TikTok's ttclid, X's twclid, LinkedIn's li_fat_id); the signature parameters are the ones AWS
/// (SigV4 and S3's SigV2 query authentication), CloudFront, Google Cloud Storage (V2 and V4) and
/// Azure (SAS) document for their signed URLs; Akamai's EdgeAuth tokens are `hdnts` and
/// `__token__` by default.
enum LinkTokenRules {
  /// Tracking parameters dropped whatever their value: click ids that ad networks append per
  /// click, mail tools' per-recipient ids, analytics' cross-domain linker values.
  static let trackingNames: Set<String> = [
    // Ad click ids (set per click).
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "ttclid", "li_fat_id", "igshid", "epik", "rb_clickid", "srsltid", "_openstat",
    // Mail and marketing automation (set per recipient or per send).
    "mc_cid", "mc_eid", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking",
    "mkt_tok", "oly_enc_id", "oly_anon_id", "vero_id", "vero_conv", "wickedid", "ml_subscriber",
    "ml_subscriber_hash", "ck_subscriber_id", "_kx", "elqtrack", "elqtrackid", "_bta_tid",
    "_bta_c", "__s", "s_cid",
    // Analytics linkers (Google's `_ga`/`_gl` carry the visitor's client id and a time).
    "_ga", "_gl", "__twitter_impression",
    // Facebook's share-dialog parameters.
    "fb_action_ids", "fb_action_types", "fb_source", "action_object_map", "action_type_map",
    "action_ref_map",
    // Matomo's campaign parameters (Google's `utm_` under another name).
    "pk_campaign", "pk_kwd", "pk_keyword", "pk_source", "pk_medium", "pk_content", "mtm_campaign",
    "mtm_kwd", "mtm_source", "mtm_medium", "mtm_content", "mtm_cid", "mtm_group",
    "mtm_placement",
  ]

  /// Name prefixes of tracking parameters: Google Analytics' campaign parameters (`utm_source`,
  /// `utm_medium`, `utm_campaign`, `utm_term`, `utm_content`, `utm_id` and the rest).
  static let trackingPrefixes: [String] = ["utm_"]

  /// Session ids dropped whatever their value: names no site uses for anything else (Java's
  /// `jsessionid`, PHP's `PHPSESSID`, osCommerce's `osCsid`, Zen Cart's `zenid`,
  /// xt:Commerce's `XTCsid`, ColdFusion's `CFID` and `CFTOKEN`). `jsessionid` also comes as a
  /// path parameter (`/post;jsessionid=…`), where these names are dropped too.
  static let sessionNames: Set<String> = [
    "jsessionid", "phpsessid", "oscsid", "zenid", "xtcsid", "cfid", "cftoken",
  ]

  /// Names that are a session id only when the value looks like one (`sessionToken`): a story's
  /// `sid=07/01/01/1234` or a conference's `session_id=12` is where the link points.
  static let sessionTokenNames: Set<String> = ["sid", "sessid", "sess", "sessionid", "session_id"]
  /// The shortest session token: PHP's default id has 26 characters, older ones 32 (MD5 in hex).
  static let minimumSessionToken = 26
  /// The longest session token (a SHA-512 in hex is 128).
  static let maximumSessionToken = 128

  /// Names that are a session id only as 32 hexadecimal digits (an MD5, as vBulletin's and
  /// phpBB's session hashes are): `s` is also WordPress's search (`?s=word`), which stays.
  static let hexSessionNames: Set<String> = ["s"]
  /// The length of an MD5 in hexadecimal digits.
  static let hexSessionLength = 32

  /// Nonces dropped whatever their value: WordPress's `_wpnonce` changes every 12 hours and
  /// per user; a `nonce` is once-only by definition.
  static let nonceNames: Set<String> = ["_wpnonce", "nonce"]

  /// Tokens of signed links dropped whatever their value: Akamai EdgeAuth's default names.
  static let tokenNames: Set<String> = ["hdnts", "__token__"]

  /// Cache busters: dropped only when the value is a Unix time in seconds or milliseconds
  /// (`timestampSeconds`), as jQuery's `_=1712345678901`; `cb=blue` stays, and so does a
  /// number that is no time of a visit (`?_=9780306406157`, an ISBN-13: as milliseconds, a
  /// time after 2100).
  static let cacheBusterNames: Set<String> = ["_", "_t", "cb", "cachebuster", "nocache"]
  /// The Unix times, in seconds, that a cache buster or a build stamp is read as: from
  /// 2001-09-09 (the first with 10 digits) to the end of 2099, written in seconds (10 digits)
  /// or in milliseconds (13 digits), without a leading zero. A fixed range, so that a stored
  /// text normalises the same whenever it is compared; 11 or 12 digits are no time in it.
  static let timestampSeconds: ClosedRange<UInt64> = 1_000_000_000...4_102_444_799

  /// Build stamps: dropped only when the value is a Unix time (`timestampSeconds`) or a build
  /// hash (`buildHashLength` hexadecimal digits with a letter and a digit); `ver=1.2.3`, a
  /// version a reader may mean, stays.
  static let buildStampNames: Set<String> = ["ver"]
  /// How many hexadecimal digits a build hash has: a short git hash (7) to a SHA-256 (64).
  static let buildHashLength = 7...64

  /// A signed URL's scheme: when a link has all of `required`, its `dropped` parameters go as a
  /// group (the signature, the credential, the expiry, the time of signing). Without the
  /// trigger, a parameter named `Expires` or `Signature` is some other site's and stays.
  struct SignatureScheme: Sendable {
    /// The lowercased names whose presence together marks the scheme.
    let required: [String]
    /// The lowercased names that go.
    let dropped: Set<String>
  }

  /// The signed-URL schemes of the big object stores and CDNs, as their documentation names
  /// the query parameters.
  static let signatureSchemes: [SignatureScheme] = [
    // AWS Signature Version 4 in the query (S3 presigned URLs).
    SignatureScheme(
      required: ["x-amz-signature"],
      dropped: [
        "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-expires",
        "x-amz-signedheaders", "x-amz-signature", "x-amz-security-token",
      ]),
    // S3's older query-string authentication (Signature Version 2).
    SignatureScheme(
      required: ["awsaccesskeyid", "signature"],
      dropped: ["awsaccesskeyid", "signature", "expires", "x-amz-security-token"]),
    // CloudFront signed URLs, canned (`Expires`) and custom (`Policy`) policy.
    SignatureScheme(
      required: ["key-pair-id", "signature"],
      dropped: ["key-pair-id", "signature", "expires", "policy"]),
    // Google Cloud Storage V4 signing.
    SignatureScheme(
      required: ["x-goog-signature"],
      dropped: [
        "x-goog-algorithm", "x-goog-credential", "x-goog-date", "x-goog-expires",
        "x-goog-signedheaders", "x-goog-signature",
      ]),
    // Google Cloud Storage V2 signing.
    SignatureScheme(
      required: ["googleaccessid", "signature"],
      dropped: ["googleaccessid", "signature", "expires"]),
    // Azure shared access signatures (the signed version `sv` is required in every SAS).
    SignatureScheme(
      required: ["sig", "sv"],
      dropped: [
        "sv", "ss", "srt", "sp", "se", "st", "spr", "sip", "sr", "sig", "si", "sdd", "ses",
        "skoid", "sktid", "skt", "ske", "sks", "skv", "saoid", "suoid", "scid",
      ]),
  ]

  /// The schemes whose links carry such parameters; a link with another scheme (`mailto:`,
  /// `tel:`, `data:`) is kept as written. Relative links are read as of the page's scheme.
  static let webSchemes: Set<String> = ["http", "https"]
}
