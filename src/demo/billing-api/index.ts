import type { OpenApiBackendConfig } from '../../backends/openapi/config.js';
import type { BillingApi } from './billing-server.js';

export { startBillingApi, type BillingApi } from './billing-server.js';
export { billingSpec } from './billing-spec.js';

/**
 * The `openapi:` config entry for a running demo billing API. `credential` names the environment
 * variable that holds the API key given to `startBillingApi(port, { apiKey })`.
 */
export function billingBackendConfig(
  api: BillingApi,
  credential = 'PORTCULLIS_DEMO_BILLING_KEY',
): OpenApiBackendConfig {
  return { spec: api.specPath, allowPrivateNetwork: true, auth: { billingKey: { credential } } };
}
