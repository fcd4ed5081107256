#!/usr/bin/env bash
# Demo PKI for АРМ in NCA RK's DN layout (OpenSSL only). DEMO ONLY: every private key here, the CA's included, is
# committed on purpose and must never be trusted in production.
#
#   bash scripts/gen-test-pki.sh            issue every leaf of the table below that is missing, with the KEPT demo CA
#                                           (resources/demo-pki/ca/); existing leaves are left exactly as they are
#   bash scripts/gen-test-pki.sh issue NAME PROFILE "/CN=…/…"   one more leaf with the kept CA → NAME.p12 (+ legacy copies)
#                                           PROFILE: auth-head sign-head auth-signright sign-signright auth-employee sign-employee
#   bash scripts/gen-test-pki.sh reissue NAME…   re-issue the named leaves (same key, new certificate), e.g. after a profile change
#   bash scripts/gen-test-pki.sh crl        the intermediate's CRL again (lists every certificate revoked in ca/index.txt)
#   bash scripts/gen-test-pki.sh reissue-all   root, intermediate and every leaf re-issued with their KEPT keys (e.g. after
#                                           DEMO_PKI_START changes): certificates, .p12 files and the CRL change, no key does
#   bash scripts/gen-test-pki.sh new-ca     a NEW root and intermediate, then every leaf re-issued with its existing key
#                                           (only when the CA keys are lost; every trust file changes)
#
# Validity: every certificate (root, intermediate, leaves, OCSP signer, TSA, department key) and the CRL's thisUpdate
# start at DEMO_PKI_START (default 2026-01-01 00:00 UTC), not at the moment the script runs, so tests with fixed clocks
# in 2026 see the demo keys valid; the revoked variant is revoked at that moment too. Leaves and the CRL last
# DEMO_PKI_DAYS (1826, ~5 years), the intermediate a year longer, the root 10 years. The expired (2020–2021) and
# not-yet-valid (2040–2045) variants keep their own dates.
#
# Layout: root.crt → intermediate.crt → RSA-2048 AUTH and SIGN keys of the seeded people (.p12, password Qwerty12):
#   *.p12          PBES2 / AES-256-CBC (OpenSSL 3 default)
#   legacy/*.p12   pbeWithSHA1And3-KeyTripleDES-CBC key bag + pbeWithSHA1And40BitRC2-CBC cert bag, MAC sha1 (as NCA issues them)
#   legacy/*-3des.p12  3DES for both bags
#   intermediate.crl (lists the revoked variant), ocsp-signer.{crt,key.pem}, tsa.{crt,key.pem}, department-results.{p12,key.pem}
#   variants/: expired, not-yet-valid, revoked, wrong-ИИН (another valid ИИН), bad-checksum ИИН, EC P-256 sign key.
#   ca/DEMO-ONLY-*.key.pem + ca/index.txt: the demo CA's keys and database, kept so new leaves never re-key the rest.
#
# Key-user policy (as NCA issues it, in extendedKeyUsage next to 1.2.398.3.3.4.1.2 "legal entity"):
#   1.2.398.3.3.4.1.2.1 first head · 1.2.398.3.3.4.1.2.2 right to sign · 1.2.398.3.3.4.1.2.5 employee.
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${DEMO_PKI_OUT:-$ROOT_DIR/resources/demo-pki}"
CA="$OUT/ca"
PASS="${DEMO_PKI_PASSWORD:-Qwerty12}"
DAYS="${DEMO_PKI_DAYS:-1826}"
START="${DEMO_PKI_START:-20260101000000Z}"                    # YYYYMMDDHHMMSSZ
START_ISO="${START:0:4}-${START:4:2}-${START:6:2} ${START:8:2}:${START:10:2}:${START:12:2} UTC"
after() { date -u -d "$START_ISO + $1 days" +%Y%m%d%H%M%SZ; }  # DAYS → the date that many days after START
LEAF_DATES=(-startdate "$START" -enddate "$(after "$DAYS")")
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT/legacy" "$OUT/variants" "$CA"
ROOT_KEY="$CA/DEMO-ONLY-root.key.pem"
INTER_KEY="$CA/DEMO-ONLY-intermediate.key.pem"

cat > "$WORK/ca.cnf" <<CNF
[ ca ]
default_ca = demo
[ demo ]
dir = $CA
database = \$dir/index.txt
new_certs_dir = $WORK
serial = $WORK/serial
crlnumber = \$dir/crlnumber
default_md = sha256
policy = any
preserve = yes
unique_subject = no
email_in_dn = no
copy_extensions = none
default_crl_days = $DAYS
[ any ]
domainComponent = optional
commonName = supplied
surname = optional
serialNumber = optional
countryName = optional
organizationName = optional
organizationalUnitName = optional
givenName = optional
[ req ]
distinguished_name = dn
string_mask = utf8only
utf8 = yes
prompt = no
[ dn ]
CN = x
[ v3_root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
certificatePolicies = 1.2.398.3.1.2
[ v3_inter ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 1.2.398.3.3.1.1
[ v3_auth ]
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth, 1.2.398.3.3.4.1.2, \$ENV::KEY_USER_OID
certificatePolicies = 1.2.398.3.3.2.4
basicConstraints = critical, CA:FALSE
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:http://127.0.0.1:8787/pki/ocsp
crlDistributionPoints = URI:http://127.0.0.1:8787/pki/crl/intermediate.crl
[ v3_sign ]
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection, 1.2.398.3.3.4.1.2, \$ENV::KEY_USER_OID
certificatePolicies = 1.2.398.3.3.2.3
basicConstraints = critical, CA:FALSE
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:http://127.0.0.1:8787/pki/ocsp
crlDistributionPoints = URI:http://127.0.0.1:8787/pki/crl/intermediate.crl
[ v3_ocsp ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, OCSPSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
noCheck = ignored
[ v3_tsa ]
# RFC 3161 §2.3: the TSA's certificate has exactly one extended key usage, id-kp-timeStamping, marked critical.
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 1.2.398.3.3.2.6.4
crlDistributionPoints = URI:http://127.0.0.1:8787/pki/crl/intermediate.crl
CNF
export KEY_USER_OID=1.2.398.3.3.4.1.2.5
cd "$WORK"

rsakey() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }
friendly() { openssl x509 -in "$1" -noout -ext subjectKeyIdentifier | tail -1 | tr -d ' :' | tr 'A-F' 'a-f'; }

# ---- the demo CA (kept) ------------------------------------------------------------------------------------
# ca_certs: the root (self-signed through `openssl ca -selfsign`: `req -x509` has no start date in OpenSSL 3.0) and the
# intermediate, from the keys in $CA (new_ca makes new ones first). A fresh database: every leaf is issued again after.
ca_certs() {
  : > "$CA/index.txt"; echo 'unique_subject = no' > "$CA/index.txt.attr"; echo 01 > "$CA/crlnumber"
  openssl req -new -config ca.cnf -key "$ROOT_KEY" -utf8 -subj "/CN=АРМ DEMO НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)/C=KZ" -out root.csr
  openssl ca -batch -selfsign -config ca.cnf -extensions v3_root -keyfile "$ROOT_KEY" -in root.csr -rand_serial \
    -startdate "$START" -enddate "$(after 3653)" -utf8 -notext -out "$OUT/root.crt" 2>/dev/null
  openssl req -new -config ca.cnf -key "$INTER_KEY" -utf8 -subj "/CN=АРМ DEMO ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)/C=KZ" -out inter.csr
  openssl ca -batch -config ca.cnf -extensions v3_inter -keyfile "$ROOT_KEY" -cert "$OUT/root.crt" -in inter.csr -rand_serial \
    -startdate "$START" -enddate "$(after "$((DAYS + 365))")" -utf8 -notext -out "$OUT/intermediate.crt" 2>/dev/null
}
new_ca() { rsakey "$ROOT_KEY"; rsakey "$INTER_KEY"; ca_certs; }

# The leaf's existing key (from its .p12 or .key.pem) or a new one: re-issuing never re-keys a person.
leaf_key() { # NAME DIR ALG
  local name="$1" dir="$2" alg="$3"
  if [ -f "$dir/$name.p12" ]; then
    openssl pkcs12 -in "$dir/$name.p12" -passin "pass:$PASS" -nocerts -nodes 2>/dev/null | openssl pkey -out "$name.key"
  elif [ -f "$dir/$name.key.pem" ]; then
    cp "$dir/$name.key.pem" "$name.key"
  elif [ "$alg" = ec ]; then
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$name.key"
  else
    rsakey "$name.key"
  fi
}

# sign_leaf NAME EXT SUBJECT [openssl-ca args…] → NAME.crt in $WORK, signed by the kept intermediate
sign_leaf() {
  local name="$1" ext="$2" subj="$3"; shift 3
  openssl req -new -config ca.cnf -key "$name.key" -utf8 -subj "$subj" -out "$name.csr"
  openssl ca -batch -config ca.cnf -extensions "$ext" -keyfile "$INTER_KEY" -cert "$OUT/intermediate.crt" -in "$name.csr" \
    -rand_serial -utf8 -notext -out "$name.crt" "$@" 2>/dev/null
}

p12_out() { # NAME DIR [people]: AES .p12 (+ NCA-style legacy copies of people's keys)
  local name="$1" dir="$2" f; f="$(friendly "$name.crt")"
  openssl pkcs12 -export -inkey "$name.key" -in "$name.crt" -certfile "$OUT/intermediate.crt" -name "$f" -passout "pass:$PASS" -out "$dir/$name.p12"
  if [ "${3:-}" = people ]; then
    # The public certificate beside the .p12: main reads a locked key's purpose and owner from it (key preselection).
    cp "$name.crt" "$dir/$name.crt"
    openssl pkcs12 -export -legacy -inkey "$name.key" -in "$name.crt" -certfile "$OUT/intermediate.crt" -name "$f" -passout "pass:$PASS" -out "$OUT/legacy/$name.p12"
    openssl pkcs12 -export -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 -inkey "$name.key" -in "$name.crt" -certfile "$OUT/intermediate.crt" \
      -name "$f" -passout "pass:$PASS" -out "$OUT/legacy/$name-3des.p12"
  fi
}
pem_out() { # NAME: NAME.crt + NAME.key.pem (keys the gateway holds itself)
  openssl pkcs8 -topk8 -nocrypt -in "$1.key" -out "$OUT/$1.key.pem"
  cp "$1.crt" "$OUT/$1.crt"
}

profile_ext() { # PROFILE → EXT (extension section) and KEY_USER_OID (no subshell: both are globals)
  case "$1" in
    auth-head|sign-head) KEY_USER_OID=1.2.398.3.3.4.1.2.1 ;;
    auth-signright|sign-signright) KEY_USER_OID=1.2.398.3.3.4.1.2.2 ;;
    auth-employee|sign-employee) KEY_USER_OID=1.2.398.3.3.4.1.2.5 ;;
    ocsp|tsa) ;;
    *) echo "unknown profile $1" >&2; exit 2 ;;
  esac
  export KEY_USER_OID
  case "$1" in auth-*) EXT=v3_auth ;; sign-*) EXT=v3_sign ;; *) EXT="v3_$1" ;; esac
}

# ---- the table of leaves -----------------------------------------------------------------------------------
TSON_ORG='НАО "Государственная корпорация "Правительство для граждан"'; TSON_BIN=961141000023
EDU_ORG='ГУ "Управление образования города Астаны"'; EDU_BIN=940140000385
SOC_ORG='ГУ "Управление занятости и социальных программ города Астаны"'; SOC_BIN=090340018475
ARCH_ORG='КГУ "Государственный архив Павлодарской области"'; ARCH_BIN=990740022149
ZAGS_ORG='РГУ "Отдел регистрации актов гражданского состояния"'; ZAGS_BIN=041140033059
RES_BIN=950341000052

person() { # SURNAME FIRST PATRONYMIC IIN ORG BIN → subject in NCA's order
  local subj="/CN=$1 $2/SN=$1/serialNumber=IIN$4/C=KZ"
  [ -n "$5" ] && subj="$subj/O=$5/OU=BIN$6"
  [ -n "$3" ] && subj="$subj/GN=$3"
  echo "$subj"
}
# name | key-user role | subject. One AUTH and one SIGN key each (NAME-auth.p12, NAME-sign.p12).
PEOPLE=(
  "operator|employee|$(person АСАНОВА АЙГЕРИМ СЕРІКҚЫЗЫ 830717350867 "$TSON_ORG" $TSON_BIN)"
  "operator2|employee|$(person НҰРЛАНОВ АЙДОС '' 900102312343 "$TSON_ORG" $TSON_BIN)"
  "tson-supervisor|employee|$(person ОМАРОВА ГҮЛНАР '' 850304450120 "$TSON_ORG" $TSON_BIN)"
  "specialist|signright|$(person БЕКОВ ЕРЛАН '' 871008401427 "$EDU_ORG" $EDU_BIN)"
  "education-specialist|employee|$(person ЖҰМАБАЕВ НҰРСҰЛТАН '' 940512315205 "$EDU_ORG" $EDU_BIN)"
  "supervisor|signright|$(person САПАРОВА ДИНАРА '' 760212350620 "$EDU_ORG" $EDU_BIN)"
  "education-head|head|$(person МҰҚАНОВА САУЛЕ БОЛАТҚЫЗЫ 720419412038 "$EDU_ORG" $EDU_BIN)"
  "social-specialist|employee|$(person ӘЛИЕВА ДАНА '' 900315440056 "$SOC_ORG" $SOC_BIN)"
  "social-head|head|$(person ТӨЛЕГЕНОВ АСҚАР ҚАЙРАТҰЛЫ 690903324088 "$SOC_ORG" $SOC_BIN)"
  "archive-specialist|employee|$(person ЖАҚСЫБЕКОВА ГҮЛМИРА '' 850615401004 "$ARCH_ORG" $ARCH_BIN)"
  "archive-head|head|$(person ОСПАНОВ ДӘУЛЕТ МАРАТҰЛЫ 740125331112 "$ARCH_ORG" $ARCH_BIN)"
  "zags-specialist|employee|$(person ҚАСЫМОВА ӘСЕЛ '' 850101301013 "$ZAGS_ORG" $ZAGS_BIN)"
  "zags-supervisor|head|$(person ЖАҚСЫЛЫҚОВ МАРАТ '' 850101302021 "$ZAGS_ORG" $ZAGS_BIN)"
)
OPERATOR_SUBJ="$(person АСАНОВА АЙГЕРИМ СЕРІКҚЫЗЫ 830717350867 "$TSON_ORG" $TSON_BIN)"

# issue_one NAME PROFILE SUBJECT DIR [openssl-ca args…]: issue (or re-issue) one leaf, keeping its key
issue_one() {
  local name="$1" profile="$2" subj="$3" dir="$4" alg=rsa; shift 4
  profile_ext "$profile"
  [ "$name" = variant-ec-sign ] && alg=ec
  leaf_key "$name" "$dir" "$alg"
  sign_leaf "$name" "$EXT" "$subj" "$@"
  case "$profile" in
    ocsp|tsa) pem_out "$name" ;;
    *) if [ "$dir" = "$OUT" ] && [ "$name" != department-results ]; then p12_out "$name" "$dir" people; else p12_out "$name" "$dir"; fi ;;
  esac
  [ "$name" = department-results ] && pem_out "$name"
  [ "$name" = variant-ec-sign ] && openssl pkcs12 -export -legacy -inkey "$name.key" -in "$name.crt" -certfile "$OUT/intermediate.crt" -passout "pass:$PASS" -out "$OUT/variants/variant-ec-sign-legacy.p12"
  echo "issued $name ($profile)"
}
exists() { [ -f "$2/$1.p12" ] || [ -f "$2/$1.crt" ]; }

# Every leaf: NAME PROFILE SUBJECT DIR [args]. Called with a filter (issue missing / re-issue named / re-issue all).
each_leaf() { # CALLBACK
  local row name role subj
  for row in "${PEOPLE[@]}"; do
    IFS='|' read -r name role subj <<<"$row"
    "$1" "$name-auth" "auth-$role" "$subj" "$OUT" "${LEAF_DATES[@]}"
    "$1" "$name-sign" "sign-$role" "$subj" "$OUT" "${LEAF_DATES[@]}"
  done
  # department key that signs the gateway's automated answers (an "information system" of the department)
  "$1" department-results sign-employee "/CN=ИС \"Автоматические ответы\"/C=KZ/O=$EDU_ORG/OU=BIN$RES_BIN" "$OUT" "${LEAF_DATES[@]}"
  "$1" ocsp-signer ocsp "/CN=АРМ DEMO OCSP/C=KZ" "$OUT" "${LEAF_DATES[@]}"
  # the simulated НУЦ TSA (RFC 3161), issued by the demo intermediate
  "$1" tsa tsa "/CN=АРМ DEMO TSA ҰКО (RSA)/C=KZ/O=АРМ DEMO НУЦ" "$OUT" "${LEAF_DATES[@]}"
  # variants for tests
  "$1" variant-expired sign-employee "$OPERATOR_SUBJ" "$OUT/variants" -startdate 20200101000000Z -enddate 20210101000000Z
  "$1" variant-notyet sign-employee "$OPERATOR_SUBJ" "$OUT/variants" -startdate 20400101000000Z -enddate 20450101000000Z
  "$1" variant-revoked sign-employee "$OPERATOR_SUBJ" "$OUT/variants" "${LEAF_DATES[@]}"
  "$1" variant-wrong-iin sign-employee "$(person АСАНОВА АЙГЕРИМ СЕРІКҚЫЗЫ 800416300257 "$TSON_ORG" $TSON_BIN)" "$OUT/variants" "${LEAF_DATES[@]}"
  "$1" variant-bad-checksum sign-employee "$(person АСАНОВА АЙГЕРИМ СЕРІКҚЫЗЫ 830717350860 "$TSON_ORG" $TSON_BIN)" "$OUT/variants" "${LEAF_DATES[@]}"
  "$1" variant-ec-sign sign-employee "$OPERATOR_SUBJ" "$OUT/variants" "${LEAF_DATES[@]}"
  # the education department's authorised signer with a certificate of another organisation (the ЦОН's БИН)
  "$1" variant-supervisor-other-org sign-signright "$(person САПАРОВА ДИНАРА '' 760212350620 "$TSON_ORG" $TSON_BIN)" "$OUT/variants" "${LEAF_DATES[@]}"
}
if_missing() { exists "$1" "$4" || issue_one "$@"; }
always() { issue_one "$@"; }
REISSUE=()
if_named() { local n; for n in "${REISSUE[@]}"; do [ "$n" = "$1" ] && { issue_one "$@"; return; }; done; return 0; }

gen_crl() {
  # the revoked variant's current certificate is revoked (keyCompromise) and listed
  if [ -f "$OUT/variants/variant-revoked.p12" ] && ! grep -q "^R.*$(openssl pkcs12 -in "$OUT/variants/variant-revoked.p12" -passin "pass:$PASS" -nokeys -clcerts 2>/dev/null | openssl x509 -noout -serial | cut -d= -f2)" "$CA/index.txt"; then
    openssl pkcs12 -in "$OUT/variants/variant-revoked.p12" -passin "pass:$PASS" -nokeys -clcerts 2>/dev/null | openssl x509 -out revoked.crt
    openssl ca -config ca.cnf -keyfile "$INTER_KEY" -cert "$OUT/intermediate.crt" -revoke revoked.crt -crl_reason keyCompromise 2>/dev/null
    # revoked at DEMO_PKI_START, not when the script ran: tests with a clock in 2026 see it revoked (index.txt's
    # revocation date is YYMMDDHHMMSSZ, the 2-digit year of UTCTime)
    sed -i -E "s/^R(\t[0-9]{12}Z\t)[0-9]{12}Z,keyCompromise(\t$(openssl x509 -in revoked.crt -noout -serial | cut -d= -f2)\t)/R\1${START:2},keyCompromise\2/" "$CA/index.txt"
  fi
  openssl ca -config ca.cnf -keyfile "$INTER_KEY" -cert "$OUT/intermediate.crt" -gencrl -crl_lastupdate "$START" \
    -crl_nextupdate "$(after "$DAYS")" -out inter.crl.pem 2>/dev/null
  openssl crl -in inter.crl.pem -outform DER -out "$OUT/intermediate.crl"
}

cmd="${1:-missing}"
case "$cmd" in
  new-ca) new_ca; each_leaf always ;;
  reissue-all) [ -f "$ROOT_KEY" ] && [ -f "$INTER_KEY" ] || { echo "no kept demo CA keys in $CA" >&2; exit 1; }; ca_certs; each_leaf always ;;
  missing) [ -f "$INTER_KEY" ] || { echo "no kept demo CA in $CA: run '$0 new-ca' (re-issues every leaf with its key)" >&2; exit 1; }; each_leaf if_missing ;;
  reissue) shift; REISSUE=("$@"); each_leaf if_named ;;
  issue) shift; [ $# -eq 3 ] || { echo "usage: $0 issue NAME PROFILE SUBJECT" >&2; exit 2; }; issue_one "$1" "$2" "$3" "$OUT" "${LEAF_DATES[@]}" ;;
  crl) ;;
  *) echo "usage: $0 [missing|issue NAME PROFILE SUBJECT|reissue NAME…|reissue-all|crl|new-ca]" >&2; exit 2 ;;
esac
gen_crl
rm -f "$CA"/*.old
openssl verify -CAfile "$OUT/root.crt" -untrusted "$OUT/intermediate.crt" "$OUT/ocsp-signer.crt" "$OUT/department-results.crt" "$OUT/tsa.crt" >/dev/null
echo "demo PKI in $OUT"
