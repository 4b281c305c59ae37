#!/usr/bin/env bash
# Runs the end-to-end suite (EndToEndIT) against the LocalStack deployment made by deploy-localstack.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/select-jdk
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
output() {
  python3 -c "import json; o=json.load(open('localstack/target/outputs.json')); print(next(iter(o.values()))['$1'])"
}
secret() { grep -A1 "source $1 registered" localstack/target/sources.txt | sed -n 's/.*: \(whsec_.*\)/\1/p' | tail -1; }
queues=$(python3 -c "
import json
o = next(iter(json.load(open('localstack/target/outputs.json')).values()))
names = [c['name'] for c in json.load(open('infra/channels.json'))['channels']]
print(','.join(n + '=' + o['ChannelQueue' + n.replace('-', '')] for n in names if 'ChannelQueue' + n.replace('-', '') in o))")
mvn -B -ntp -pl localstack -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=EndToEndIT \
  -De2e.apiUrl="$(output ApiUrl)" -De2e.sqsUrl=http://localhost:4566 \
  -De2e.posSecret="$(secret pos-demo)" -De2e.shopSecret="$(secret shop-web)" \
  -De2e.channelQueues="$queues" -De2e.dlqUrl="$(output MovementsDeadLetterQueueUrl)"
