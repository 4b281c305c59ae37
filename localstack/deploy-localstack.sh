#!/usr/bin/env bash
# Deploys the real CDK app to a running LocalStack (docker compose -f localstack/docker-compose.yml up -d),
# registers the demo sources, and prints the API URL. Needs: Docker, Node.js 20+, and
# npm i -g aws-cdk aws-cdk-local. Not run on the machine this project was built on (no Docker there).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/select-jdk
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_ENDPOINT_URL=http://localhost:4566
export JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1

mvn -B -q -ntp package -DskipTests
mkdir -p localstack/target
(
  cd infra
  cdklocal bootstrap
  # localstack=true swaps java25/arm64/SnapStart and EventBridge API destinations for what LocalStack supports.
  cdklocal deploy -c stage=dev -c localstack=true -c sources=pos-demo,shop-web \
    --require-approval never --outputs-file ../localstack/target/outputs.json
)

output() {
  python3 -c "import json,sys; o=json.load(open('localstack/target/outputs.json')); print(next(iter(o.values()))['$1'])"
}
TABLE=$(output TableName)
for source in pos-demo shop-web; do
  TABLE_NAME=$TABLE java -cp functions/target/functions.jar io.inventorysync.admin.SourceAdmin register \
    --source "$source" | tee -a localstack/target/sources.txt
done
echo "API_URL=$(output ApiUrl)"
echo "TABLE_NAME=$TABLE"
echo "Signing secrets of the demo sources are in localstack/target/sources.txt (local use only)."
