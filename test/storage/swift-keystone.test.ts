import test from 'ava';
import {text} from 'node:stream/consumers';
import {
	createKeystoneV3Auth,
	createSwiftStore,
	type KeystoneProject,
} from '../../source/storage/swift/index.js';
import {removeContainer, testServers, uniqueContainer} from '../helpers/servers.js';
import {runStoreContract} from './contract.js';

const servers = testServers();
const signIn = (project: KeystoneProject) =>
	createKeystoneV3Auth({
		authUrl: servers.keystoneUrl,
		username: 'requester',
		password: 'requesterpass',
		userDomainName: 'Default',
		project,
	});
const auth = signIn({name: 'project_2004504', domainName: 'Default'});
const store = createSwiftStore({auth});

test.after.always(async () => store.close());

// The 10,050-object listing runs through tempauth: the paging is the same code, and seeding
// a second account costs minutes.
runStoreContract(
	test,
	'Swift with Keystone v3',
	async () => {
		const container = uniqueContainer('keystone');
		await store.createContainer(container);
		return {
			store,
			container,
			async cleanup() {
				const session = await auth.getSession();
				await removeContainer(store, session, container);
				await removeContainer(store, session, `${container}-made`);
			},
		};
	},
	{largeListing: false},
);

test('a project chosen by id reaches the same account as by name', async (t) => {
	const byName = await auth.getSession();
	const projectId = /\/AUTH_([^/]+)$/.exec(byName.storageUrl)?.[1];
	t.truthy(projectId, byName.storageUrl);
	const byIdAuth = signIn({id: projectId ?? ''});
	const byId = createSwiftStore({auth: byIdAuth});
	const container = uniqueContainer('keystone-by-id');
	try {
		t.is((await byIdAuth.getSession()).storageUrl, byName.storageUrl);
		await byId.createContainer(container);
		await byId.put({container, key: 'written by id'}, 'same account');
		t.is(await text((await store.get({container, key: 'written by id'})).body), 'same account');
	} finally {
		await removeContainer(store, byName, container);
		await byId.close();
	}
});
