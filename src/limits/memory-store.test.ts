import { createMemoryLimitStore } from './memory-store.js';
import { describeLimitStoreContract } from './test-support/store-contract.js';

describeLimitStoreContract('in-process', (now) => createMemoryLimitStore({ now }));
