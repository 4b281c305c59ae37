#!/usr/bin/env bash
# Deploys the real CDK app to a running LocalStack (docker compose -f localstack/docker-compose.yml up -d),
# registers the demo sources, and prints the API URL. Needs: Docker, Node.js 22+, and
# npm i -g aws-cdk@2 aws-cdk-local@3. Not run on the machine this project was built on (no Docker there).
# WEBHOOK_FUNCTION_URL=true also deploys the webhook's function URL (off by default: never tried on
# LocalStack; README, "LocalStack").
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/select-jdk
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1
LOCALSTACK_URL=${LOCALSTACK_URL:-http://localhost:4566}
WEBHOOK_FUNCTION_URL=${WEBHOOK_FUNCTION_URL:-false}
case "$WEBHOOK_FUNCTION_URL" in
  true|false) ;;
  *) echo "WEBHOOK_FUNCTION_URL must be true or false, not '$WEBHOOK_FUNCTION_URL'" >&2; exit 2 ;;
esac

mvn -B -q -ntp package -DskipTests
mkdir -p localstack/target
(
  cd infra
  # cdklocal sets AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_S3 itself (aws-cdk 2.177+ needs both, the S3 one
  # with an .s3. host); exporting AWS_ENDPOINT_URL here would make it keep ours and miss the S3 one.
  # cdklocal 3+ also strips AWS_* variables unless allow-listed: keep the region.
  export AWS_ENVAR_ALLOWLIST=AWS_REGION,AWS_DEFAULT_REGION
  cdklocal bootstrap
  # localstack=true swaps java25/arm64/SnapStart and EventBridge API destinations for what LocalStack
  # supports (and acknowledges cdk-nag's AwsSolutions-L1 for java21, so the CLI deploys). Sources are
  # not stack resources: they are registered below. WEBHOOK_FUNCTION_URL=true: the webhook's function URL
  # too (README, "A cheaper front door for webhooks"), opt-in: LocalStack's function URLs were never tried here.
  cdklocal deploy -c stage=dev -c localstack=true -c webhookFunctionUrl="$WEBHOOK_FUNCTION_URL" --require-approval never \
    --outputs-file ../localstack/target/outputs.json
)

output() {
  python3 -c "import json,sys; o=json.load(open('localstack/target/outputs.json')); print(next(iter(o.values()))['$1'])"
}
TABLE=$(output TableName)
for source in pos-demo shop-web; do
  # The SDK in SourceAdmin reads the endpoint from AWS_ENDPOINT_URL: set for this command only.
  AWS_ENDPOINT_URL=$LOCALSTACK_URL TABLE_NAME=$TABLE SOURCE_SECRET_PREFIX=$(output SourceSecretPrefix) \
    java -cp functions/target/functions.jar io.inventorysync.admin.SourceAdmin register \
    --source "$source" | tee -a localstack/target/sources.txt
done
echo "API_URL=$(output ApiUrl)"
if [ "$WEBHOOK_FUNCTION_URL" = true ]; then
  echo "WEBHOOK_URL=$(output WebhookFunctionUrl)"
fi
echo "TABLE_NAME=$TABLE"
echo "Signing secrets of the demo sources are in localstack/target/sources.txt (local use only)."
