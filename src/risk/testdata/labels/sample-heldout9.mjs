// Draws held-out 9 with sample-draw.mjs (the method is in its header) and prints the definitions to label; it
// never runs the classifier.
// The last four specs were added after the first draw (131 tools) showed few financial, administrative and
// external-communication positives; their counts were fixed before their tools were seen.
// Held-out 9 (after `npm run build`, in the folder of the MCP listings, which were taken over stdio from the npm
// packages (each installed with --ignore-scripts) with dummy credentials and no network (`unshare -n`), HOME set to a
// scratch folder: kubernetes-mcp-server (its linux-amd64 binary package) with KUBECONFIG pointing at a dummy
// kubeconfig and `--toolsets core,config,helm,kubevirt,tekton`; Cloudflare as `run dummy` with
// CLOUDFLARE_API_TOKEN/CLOUDFLARE_ACCOUNT_ID=dummy; conway-terminal with CONWAY_API_KEY=dummy; the Docker and SSH
// servers with no settings):
//   node <repo>/src/risk/testdata/labels/sample-heldout9.mjs --skeleton /tmp/skeleton9.json \
//     amazonaws.com/sts.json=6 amazonaws.com/cognito-idp.json=11 googleapis.com/dataproc.json=9 \
//     googleapis.com/cloudresourcemanager.json=8 googleapis.com/cloudfunctions.json=7 bunq.com.json=14 \
//     bulksms.com.json=6 klarna.com.json=6 openbanking.org.uk/payment-initiation-openapi.json=6 \
//     payments.service.gov.uk/payments.json=4 nexmo.com/conversation.json=4 googleapis.com/cloudidentity.json=4 \
//     k8s.json@npm:kubernetes-mcp-server@0.0.67=14 cf.json@npm:@cloudflare/mcp-server-cloudflare@0.2.0=16 \
//     docker.json@npm:@0xshariq/docker-mcp-server@2.0.4=12 conway.json@npm:conway-terminal@2.0.9=14 \
//     ssh.json@npm:@marian-craciunescu/ssh-mcp-server-secured@1.0.23=8
await import('./sample-draw.mjs');
