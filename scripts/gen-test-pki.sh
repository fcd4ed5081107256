#!/usr/bin/env bash
# Demo PKI for АРМ in NCA RK's DN layout (OpenSSL only). Output: resources/demo-pki (or $1).
#   root.crt → intermediate.crt → RSA-2048 AUTH and SIGN keys of the demo people (.p12, password Qwerty12):
#     *.p12          PBES2 / AES-256-CBC (OpenSSL 3 default)
#     legacy/*.p12   pbeWithSHA1And3-KeyTripleDES-CBC key bag + pbeWithSHA1And40BitRC2-CBC cert bag, MAC sha1 (as NCA issues them)
#     legacy/*-3des.p12  3DES for both bags
#   intermediate.crl (lists the revoked variant), ocsp-signer.{crt,key.pem}, department-results.{p12,key.pem}
#   variants/: expired, not-yet-valid, revoked, wrong-ИИН (another valid ИИН), bad-checksum ИИН, EC P-256 sign key.
# Everything here is DEMO material: private keys are committed on purpose and must never be trusted in production.
set -euo pipefail
OUT="${1:-$(cd "$(dirname "$0")/.." && pwd)/resources/demo-pki}"
PASS="${DEMO_PKI_PASSWORD:-Qwerty12}"
DAYS="${DEMO_PKI_DAYS:-1826}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT" "$OUT/legacy" "$OUT/variants"
cd "$WORK"

cat > ca.cnf <<CNF
[ ca ]
default_ca = demo
[ demo ]
dir = $WORK
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
crlnumber = \$dir/crlnumber
default_md = sha256
policy = any
preserve = yes
unique_subject = no
email_in_dn = no
copy_extensions = none
default_crl_days = $DAYS
[ any ]
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
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth, 1.2.398.3.3.4.1.2, 1.2.398.3.3.4.1.2.5
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 1.2.398.3.3.2.4
authorityInfoAccess = OCSP;URI:http://127.0.0.1:8787/pki/ocsp
crlDistributionPoints = URI:http://127.0.0.1:8787/pki/crl/intermediate.crl
[ v3_sign ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection, 1.2.398.3.3.4.1.2, 1.2.398.3.3.4.1.2.5
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 1.2.398.3.3.2.3
authorityInfoAccess = OCSP;URI:http://127.0.0.1:8787/pki/ocsp
crlDistributionPoints = URI:http://127.0.0.1:8787/pki/crl/intermediate.crl
[ v3_ocsp ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, OCSPSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
noCheck = ignored
CNF
touch index.txt; mkdir newcerts; echo 1000 > serial; echo 01 > crlnumber

rsakey() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }

# ---- CAs -------------------------------------------------------------------------------------------------
rsakey root.key
openssl req -new -x509 -config ca.cnf -extensions v3_root -key root.key -days 3653 -sha256 -utf8 \
  -subj "/CN=АРМ DEMO НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)/C=KZ" -out root.crt
rsakey inter.key
openssl req -new -config ca.cnf -key inter.key -utf8 -subj "/CN=АРМ DEMO ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)/C=KZ" -out inter.csr
openssl ca -batch -config ca.cnf -extensions v3_inter -keyfile root.key -cert root.crt -in inter.csr -days "$((DAYS + 365))" -utf8 -notext -out inter.crt 2>/dev/null

# issue NAME EXT SUBJECT [extra openssl-ca args…]  → NAME.key, NAME.crt (signed by the intermediate)
issue() {
  local name="$1" ext="$2" subj="$3"; shift 3
  [ -f "$name.key" ] || rsakey "$name.key"
  openssl req -new -config ca.cnf -key "$name.key" -utf8 -subj "$subj" -out "$name.csr"
  openssl ca -batch -config ca.cnf -extensions "$ext" -keyfile inter.key -cert inter.crt -in "$name.csr" -utf8 -notext -out "$name.crt" "$@" 2>/dev/null
}
# p12 NAME DIR → DIR/NAME.p12 (AES) + DIR/../legacy copies when DIR is $OUT
p12() {
  local name="$1" dir="$2" friendly
  friendly="$(openssl x509 -in "$name.crt" -noout -ext subjectKeyIdentifier | tail -1 | tr -d ' :' | tr 'A-F' 'a-f')"
  openssl pkcs12 -export -inkey "$name.key" -in "$name.crt" -certfile inter.crt -name "$friendly" -passout "pass:$PASS" -out "$dir/$name.p12"
}
legacy() {
  local name="$1" friendly
  friendly="$(openssl x509 -in "$name.crt" -noout -ext subjectKeyIdentifier | tail -1 | tr -d ' :' | tr 'A-F' 'a-f')"
  openssl pkcs12 -export -legacy -inkey "$name.key" -in "$name.crt" -certfile inter.crt -name "$friendly" -passout "pass:$PASS" -out "$OUT/legacy/$name.p12"
  openssl pkcs12 -export -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1 -inkey "$name.key" -in "$name.crt" -certfile inter.crt \
    -name "$friendly" -passout "pass:$PASS" -out "$OUT/legacy/$name-3des.p12"
}

TSON_ORG='НАО "Государственная корпорация "Правительство для граждан"'
TSON_BIN=961141000023
EDU_ORG='ГУ "Управление образования города Астаны"'
EDU_BIN=940140000385
RES_BIN=950341000052

# ---- people ---------------------------------------------------------------------------------------------
person() { # NAME SURNAME FIRST PATRONYMIC IIN ORG BIN ROLEOIDS
  local subj="/CN=$2 $3/SN=$2/serialNumber=IIN$5/C=KZ"
  [ -n "$6" ] && subj="$subj/O=$6/OU=BIN$7"
  [ -n "$4" ] && subj="$subj/GN=$4"
  echo "$subj"
}
OPERATOR="$(person x АСАНОВА АЙГЕРИМ СЕРІКҚЫЗЫ 830717350867 "$TSON_ORG" $TSON_BIN)"
SPECIALIST="$(person x БЕКОВ ЕРЛАН '' 871008401427 "$EDU_ORG" $EDU_BIN)"
SUPERVISOR="$(person x САПАРОВА ДИНАРА '' 760212350620 "$TSON_ORG" $TSON_BIN)"
for who in operator specialist supervisor; do
  subj_var="$(echo "$who" | tr a-z A-Z)"
  issue "${who}-auth" v3_auth "${!subj_var}" -days "$DAYS"
  issue "${who}-sign" v3_sign "${!subj_var}" -days "$DAYS"
  p12 "${who}-auth" "$OUT"; p12 "${who}-sign" "$OUT"
  # The public certificates beside the .p12 files: main reads a locked key's purpose and owner from them.
  cp "${who}-auth.crt" "${who}-sign.crt" "$OUT/"
  legacy "${who}-auth"; legacy "${who}-sign"
done

# department key that signs the gateway's automated answers (an "information system" of the department)
issue department-results v3_sign "/CN=ИС \"Автоматические ответы\"/C=KZ/O=$EDU_ORG/OU=BIN$RES_BIN" -days "$DAYS"
p12 department-results "$OUT"
openssl pkcs8 -topk8 -nocrypt -in department-results.key -out "$OUT/department-results.key.pem"
cp department-results.crt "$OUT/department-results.crt"

# OCSP responder certificate for the gateway's НУЦ simulator
issue ocsp-signer v3_ocsp "/CN=АРМ DEMO OCSP/C=KZ" -days "$DAYS"
openssl pkcs8 -topk8 -nocrypt -in ocsp-signer.key -out "$OUT/ocsp-signer.key.pem"
cp ocsp-signer.crt "$OUT/ocsp-signer.crt"

# ---- variants for tests -----------------------------------------------------------------------------------
cp operator-sign.key variant-expired.key; cp operator-sign.key variant-notyet.key; cp operator-sign.key variant-revoked.key
issue variant-expired v3_sign "$OPERATOR" -startdate 20200101000000Z -enddate 20210101000000Z
issue variant-notyet v3_sign "$OPERATOR" -startdate 20400101000000Z -enddate 20450101000000Z
issue variant-revoked v3_sign "$OPERATOR" -days "$DAYS"
issue variant-wrong-iin v3_sign "$(person x АСАНОВА АЙГЕРИМ СЕРІКҚЫЗЫ 800416300257 "$TSON_ORG" $TSON_BIN)" -days "$DAYS"
issue variant-bad-checksum v3_sign "$(person x АСАНОВА АЙГЕРИМ СЕРІКҚЫЗЫ 830717350860 "$TSON_ORG" $TSON_BIN)" -days "$DAYS"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out variant-ec-sign.key
issue variant-ec-sign v3_sign "$OPERATOR" -days "$DAYS"
for v in expired notyet revoked wrong-iin bad-checksum ec-sign; do p12 "variant-$v" "$OUT/variants"; done
openssl pkcs12 -export -legacy -inkey variant-ec-sign.key -in variant-ec-sign.crt -certfile inter.crt -passout "pass:$PASS" -out "$OUT/variants/variant-ec-sign-legacy.p12"
openssl ca -config ca.cnf -keyfile inter.key -cert inter.crt -revoke variant-revoked.crt -crl_reason keyCompromise 2>/dev/null

# ---- CRL, trust files ---------------------------------------------------------------------------------
openssl ca -config ca.cnf -keyfile inter.key -cert inter.crt -gencrl -crldays "$DAYS" -out inter.crl.pem 2>/dev/null
openssl crl -in inter.crl.pem -outform DER -out "$OUT/intermediate.crl"
cp root.crt "$OUT/root.crt"
cp inter.crt "$OUT/intermediate.crt"
openssl verify -CAfile root.crt -untrusted inter.crt operator-sign.crt ocsp-signer.crt department-results.crt >/dev/null

cat > "$OUT/README.md" <<MD
# Demo PKI (generated by scripts/gen-test-pki.sh — DEMO ONLY, keys are public)

Password of every .p12: \`$PASS\`. Generated $(date -u +%Y-%m-%dT%H:%MZ); leaf certificates valid $DAYS days.

| file | holder | ИИН / БИН |
|---|---|---|
| operator-auth.p12 / operator-sign.p12 | ЦОН operator АСАНОВА АЙГЕРИМ СЕРІКҚЫЗЫ (login \`operator1\`), $TSON_ORG | ИИН 830717350867, БИН $TSON_BIN |
| specialist-auth.p12 / specialist-sign.p12 | provider specialist БЕКОВ ЕРЛАН, $EDU_ORG (department akimat-astana-education) | ИИН 871008401427, БИН $EDU_BIN |
| supervisor-auth.p12 / supervisor-sign.p12 | supervisor САПАРОВА ДИНАРА, $TSON_ORG | ИИН 760212350620, БИН $TSON_BIN |
| department-results.p12 (+ .crt, .key.pem) | department key for the gateway's automated answers | БИН $RES_BIN |
| ocsp-signer.crt / ocsp-signer.key.pem | OCSP responder (EKU OCSPSigning), issued by the intermediate | |
| root.crt, intermediate.crt (PEM), intermediate.crl (DER) | trust anchors and the CRL (lists variants/variant-revoked) | |

AUTH keys: keyUsage digitalSignature+keyEncipherment, EKU clientAuth. SIGN keys: digitalSignature+nonRepudiation, EKU emailProtection.
Both carry NCA's key-user OIDs 1.2.398.3.3.4.1.2 (legal entity) and 1.2.398.3.3.4.1.2.5 (employee).
*.p12 use PBES2/AES-256; legacy/*.p12 use NCA's legacy scheme (3DES key bag, RC2-40 cert bag, MAC sha1);
legacy/*-3des.p12 use 3DES for both bags. variants/: expired, notyet (2040–2045), revoked (in intermediate.crl),
wrong-iin (another person's valid ИИН 800416300257), bad-checksum (ИИН 830717350860), ec-sign (EC P-256).
AIA/CDP URLs point at the local gateway (http://127.0.0.1:8787/pki/…).
MD
echo "demo PKI written to $OUT"
