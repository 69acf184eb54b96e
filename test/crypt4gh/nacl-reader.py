#!/usr/bin/python3
"""An independent Crypt4GH reader for the tests, on libsodium (Debian's python3-nacl) only.

Written from the GA4GH Crypt4GH spec and the reference's key-format document, not from ivjm's
code, so that ivjm's files and keys are checked by a second implementation:

  nacl-reader.py key FILE.sec          -> JSON: public key (hex), kdf, comment
  nacl-reader.py pub FILE.pub          -> JSON: public key (hex), fingerprint
  nacl-reader.py decrypt FILE.sec FILE.c4gh OUT -> JSON: sha256, size, sender, packets opened

The passphrase comes from C4GH_PASSPHRASE.
"""
import base64
import hashlib
import json
import os
import struct
import sys

from nacl import bindings as sodium

SEGMENT = 65536
CIPHER_SEGMENT = SEGMENT + 12 + 16


def pem_body(path):
    lines = [line.strip() for line in open(path, "rb").read().splitlines() if line.strip()]
    assert lines[0].startswith(b"-----BEGIN ") and lines[-1].startswith(b"-----END "), "not armoured"
    return lines[0], base64.b64decode(b"".join(lines[1:-1]), validate=True)


def take_string(data, at):
    (length,) = struct.unpack(">H", data[at:at + 2])
    value = data[at + 2:at + 2 + length]
    assert len(value) == length, "key field cut short"
    return value, at + 2 + length


def load_secret_key(path):
    _, data = pem_body(path)
    assert data[:7] == b"c4gh-v1", "no c4gh-v1 marker"
    at = 7
    kdf, at = take_string(data, at)
    if kdf != b"none":
        options, at = take_string(data, at)
        salt = options[4:]
    cipher, at = take_string(data, at)
    blob, at = take_string(data, at)
    comment = None
    if at < len(data):
        comment, at = take_string(data, at)
    assert at == len(data), "trailing bytes after the comment"
    if kdf == b"none":
        assert cipher == b"none"
        secret = blob
    else:
        assert kdf == b"scrypt", "this reader checks the scrypt keys ivjm writes"
        assert cipher == b"chacha20_poly1305"
        passphrase = os.environb[b"C4GH_PASSPHRASE"]
        lock = sodium.crypto_pwhash_scryptsalsa208sha256_ll(passphrase, salt, 1 << 14, 8, 1, dklen=32)
        secret = sodium.crypto_aead_chacha20poly1305_ietf_decrypt(blob[12:], None, blob[:12], lock)
    assert len(secret) == 32
    return secret, sodium.crypto_scalarmult_base(secret), kdf.decode(), comment and comment.decode()


def fingerprint(public):
    return "SHA256:" + base64.b64encode(hashlib.sha256(public).digest()).decode().rstrip("=")


def decrypt(secret, public, source, out):
    data = open(source, "rb").read()
    assert data[:8] == b"crypt4gh"
    version, count = struct.unpack("<II", data[8:16])
    assert version == 1
    at, keys, senders, edits = 16, [], [], None
    for _ in range(count):
        length, method = struct.unpack("<II", data[at:at + 8])
        body = data[at + 8:at + length]
        at += length
        if method != 0:
            continue
        writer = body[:32]
        rx, _tx = sodium.crypto_kx_client_session_keys(public, secret, writer)
        try:
            packet = sodium.crypto_aead_chacha20poly1305_ietf_decrypt(body[44:], None, body[32:44], rx)
        except Exception:
            continue
        senders.append(writer.hex())
        (kind,) = struct.unpack("<I", packet[:4])
        if kind == 0:
            assert struct.unpack("<I", packet[4:8])[0] == 0 and len(packet) == 40
            keys.append(packet[8:])
        else:
            assert kind == 1 and edits is None
            (n,) = struct.unpack("<I", packet[4:8])
            edits = list(struct.unpack("<%dQ" % n, packet[8:8 + 8 * n]))
    assert keys, "no packet for this key"
    digest, size = hashlib.sha256(), 0
    with open(out, "wb") as sink:
        for start in range(at, len(data), CIPHER_SEGMENT):
            segment = data[start:start + CIPHER_SEGMENT]
            for key in keys:
                try:
                    plain = sodium.crypto_aead_chacha20poly1305_ietf_decrypt(segment[12:], None, segment[:12], key)
                    break
                except Exception:
                    plain = None
            assert plain is not None, "segment at %d does not authenticate" % start
            digest.update(plain)
            size += len(plain)
            sink.write(plain)
    return {"sha256": digest.hexdigest(), "size": size, "senders": senders, "header_length": at, "edit_list": edits}


def main(command, *args):
    if command == "key":
        secret, public, kdf, comment = load_secret_key(args[0])
        result = {"public_key": public.hex(), "kdf": kdf, "comment": comment, "fingerprint": fingerprint(public)}
    elif command == "pub":
        label, public = pem_body(args[0])
        assert label == b"-----BEGIN CRYPT4GH PUBLIC KEY-----" and len(public) == 32
        result = {"public_key": public.hex(), "fingerprint": fingerprint(public)}
    elif command == "decrypt":
        secret, public, _, _ = load_secret_key(args[0])
        result = decrypt(secret, public, args[1], args[2])
    else:
        raise SystemExit("unknown command " + command)
    print(json.dumps(result))


if __name__ == "__main__":
    main(*sys.argv[1:])
