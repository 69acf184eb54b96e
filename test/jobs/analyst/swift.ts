import type {ExecutionContext} from 'ava';
import {
	createKeystoneV3Auth,
	createSwiftStore,
	createTempAuth,
	type SwiftStore,
} from '../../../source/storage/swift/index.js';
import {removeContainer, testServers, uniqueContainer} from '../../helpers/servers.js';

/** A Swift store signed in as one person, and a fresh container removed after the test. */
export type SwiftFixture = {store: SwiftStore; container: string};

const servers = () => testServers();

/** tempauth (the fastest sign-in): `test:tester` by default; each call is its own client. */
export function tempauthStore(
	user = 'test:tester',
	key = 'testing',
): {
	store: SwiftStore;
	auth: ReturnType<typeof createTempAuth>;
} {
	const auth = createTempAuth({authUrl: servers().tempauthUrl, user, key});
	return {store: createSwiftStore({auth}), auth};
}

/** Keystone v3, as the CSC users sign in: `analyst` or `requester` of project_2004504. */
export function keystoneStore(username: 'analyst' | 'requester' | 'tester'): {
	store: SwiftStore;
	auth: ReturnType<typeof createKeystoneV3Auth>;
} {
	const passwords = {analyst: 'analystpass', requester: 'requesterpass', tester: 'testing'};
	const auth = createKeystoneV3Auth({
		authUrl: servers().keystoneUrl,
		username,
		password: passwords[username],
		userDomainName: 'Default',
		project: {name: 'project_2004504', domainName: 'Default'},
	});
	return {store: createSwiftStore({auth}), auth};
}

/** A container only this test uses, made now and removed (with everything in it) at the end. */
export async function swiftContainer(
	t: ExecutionContext,
	label: string,
	signedIn: {store: SwiftStore; auth: {getSession(): Promise<{storageUrl: string; token: string}>}},
	name = uniqueContainer(label),
): Promise<string> {
	await signedIn.store.createContainer(name);
	t.teardown(async () => removeContainer(signedIn.store, await signedIn.auth.getSession(), name));
	return name;
}
