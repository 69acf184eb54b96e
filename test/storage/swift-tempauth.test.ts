import test from 'ava';
import {createSwiftStore, createTempAuth} from '../../source/storage/swift/index.js';
import {removeContainer, testServers, uniqueContainer} from '../helpers/servers.js';
import {runStoreContract} from './contract.js';

const servers = testServers();
const auth = createTempAuth({
	authUrl: servers.tempauthUrl,
	user: servers.tempauthUser,
	key: servers.tempauthKey,
});
const store = createSwiftStore({auth});

test.after.always(async () => store.close());

runStoreContract(test, 'Swift with tempauth', async () => {
	const container = uniqueContainer('tempauth');
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
});
