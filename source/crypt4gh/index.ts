// Crypt4GH (GA4GH): keys, headers and streaming encryption and decryption. See README.md.
export {fingerprint} from './fingerprint.js';
export {
	Crypt4ghError,
	InvalidFormat,
	NotARecipient,
	TamperedSegment,
	TruncatedFile,
	WrongPassphrase,
} from './errors.js';
export {
	readPrivateKey,
	writePrivateKey,
	type AskPassphrase,
	type KeyPair,
	type PrivateKey,
} from './private-key.js';
export {readPublicKey, writePublicKey} from './public-key.js';
export {newSecretKey, publicKeyOf} from './x25519.js';
export {scanEnvelope} from './header-envelope.js';
export {buildHeader, openHeader, type BuiltHeader, type OpenedHeader} from './header.js';
export {
	cipherSegmentSize,
	encryptedSize,
	plainSizeOf,
	resumePoint,
	segmentOfCipherOffset,
	segmentSize,
} from './segment-offsets.js';
export {createSealStream, SegmentSealer} from './segment-sealer.js';
export {createOpenStream, SegmentOpener} from './segment-opener.js';
export {createEncryptStream} from './encrypt-stream.js';
export {createDecryptStream} from './decrypt-stream.js';
