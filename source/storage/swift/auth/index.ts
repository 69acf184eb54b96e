export type {Authenticator, Session, SessionOptions, SignIn} from './session.js';
export {renewingAuthenticator, type RenewingOptions} from './renewing-authenticator.js';
export {
	createKeystoneV3Auth,
	keystoneV3SignIn,
	type KeystoneProject,
	type KeystoneV3Options,
} from './keystone-v3.js';
export {objectStoreUrl, type EndpointChoice, type EndpointInterface} from './catalog.js';
export {createTempAuth, tempAuthSignIn, type TempAuthOptions} from './tempauth.js';
export {createPreissuedTokenAuth, type PreissuedTokenOptions} from './preissued-token.js';
