/**
 * A minimal DER encoder that makes real self-signed X.509 certificates with node:crypto only, so fakes can
 * hand out certificates that `new X509Certificate(pem)` parses and whose fingerprints are real.
 */
import { createHash, generateKeyPair, type KeyObject, randomBytes, sign } from "node:crypto";

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

const sequence = (...content: Buffer[]) => tlv(0x30, ...content);
const set = (...content: Buffer[]) => tlv(0x31, ...content);

function oid(dotted: string): Buffer {
  const parts = dotted.split(".").map(Number);
  const bytes = [40 * (parts[0] ?? 0) + (parts[1] ?? 0)];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [part & 0x7f];
    for (let n = Math.floor(part / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift((n & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, "").slice(0, 14); // YYYYMMDDHHMMSS
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`, "ascii"))
    : tlv(0x18, Buffer.from(`${iso}Z`, "ascii"));
}

function name(attributes: Array<[string, string]>): Buffer {
  const OIDS: Record<string, string> = { CN: "2.5.4.3", O: "2.5.4.10", C: "2.5.4.6" };
  return sequence(
    ...attributes.map(([key, value]) =>
      set(sequence(oid(OIDS[key] ?? key), tlv(key === "C" ? 0x13 : 0x0c, Buffer.from(value, "utf8")))),
    ),
  );
}

function fingerprint(der: Buffer, algorithm: "sha1" | "sha256"): { formatted: string; unformatted: string } {
  const unformatted = createHash(algorithm).update(der).digest("hex").toUpperCase();
  return { formatted: unformatted.match(/.{2}/g)?.join(":") ?? "", unformatted };
}

export interface SelfSignedCertificate {
  /** PEM, `-----BEGIN CERTIFICATE-----` ... */
  certificate: string;
  /** PKCS#8 PEM of the private key. */
  privateKey: string;
  der: Buffer;
  notBefore: Date;
  notAfter: Date;
  fingerprints: {
    sha1: { formatted: string; unformatted: string };
    sha256: { formatted: string; unformatted: string };
  };
}

/** Makes an RSA-2048 / SHA-256 self-signed certificate valid from `now` for `days` days. */
export async function selfSignedCertificate(options: {
  subject: Array<[string, string]>;
  issuer?: Array<[string, string]>;
  days: number;
  now?: Date;
}): Promise<SelfSignedCertificate> {
  const { publicKey, privateKey } = await new Promise<{ publicKey: KeyObject; privateKey: KeyObject }>(
    (resolve, reject) =>
      generateKeyPair("rsa", { modulusLength: 2048 }, (error, pub, priv) =>
        error ? reject(error) : resolve({ publicKey: pub, privateKey: priv }),
      ),
  );
  const notBefore = options.now ?? new Date();
  const notAfter = new Date(notBefore.getTime() + options.days * 86_400_000);
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 1) & 0x7f) | 0x01; // positive, no leading zero byte
  const algorithm = sequence(oid("1.2.840.113549.1.1.11"), tlv(0x05)); // sha256WithRSAEncryption, NULL
  const tbs = sequence(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // [0] EXPLICIT version v3
    tlv(0x02, serial),
    algorithm,
    name(options.issuer ?? options.subject),
    sequence(time(notBefore), time(notAfter)),
    name(options.subject),
    publicKey.export({ type: "spki", format: "der" }),
  );
  const signature = sign("sha256", tbs, privateKey);
  const der = sequence(tbs, algorithm, tlv(0x03, Buffer.from([0]), signature));
  const base64 =
    der
      .toString("base64")
      .match(/.{1,64}/g)
      ?.join("\n") ?? "";
  return {
    certificate: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`,
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    der,
    notBefore,
    notAfter,
    fingerprints: { sha1: fingerprint(der, "sha1"), sha256: fingerprint(der, "sha256") },
  };
}
