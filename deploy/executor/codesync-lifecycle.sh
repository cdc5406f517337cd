#!/bin/sh
# Scale-in drain (installed by cloud-init.yaml as /usr/local/bin/codesync-lifecycle).
# The Auto Scaling group holds a terminating host in Terminating:Wait (its lifecycle hook
# `codesync-drain`, deploy/cdk/executorStack.ts) until this says so: it asks every
# POLL_S seconds whether this host is being terminated; when it is, it stops the
# executor (SIGTERM: it drains, executor/src/drain.ts, within the unit's TimeoutStopSec)
# and only then lets the termination go on. Without it, EC2 cuts a drain short and the
# jobs the host was running are redelivered and run twice.
#
#   codesync-lifecycle <region> <auto scaling group name>
set -u
REGION=$1
GROUP=$2
POLL_S=15
HOOK=codesync-drain
# Written by cloud-init at boot: no metadata request needed.
INSTANCE=$(cat /var/lib/cloud/data/instance-id)

while :; do
  STATE=$(aws autoscaling describe-auto-scaling-instances --region "$REGION" --instance-ids "$INSTANCE" \
    --query 'AutoScalingInstances[0].LifecycleState' --output text 2>/dev/null || echo unknown)
  if [ "$STATE" = "Terminating:Wait" ]; then
    echo "terminating: draining the executor"
    systemctl stop codesync-executor
    aws autoscaling complete-lifecycle-action --region "$REGION" --auto-scaling-group-name "$GROUP" \
      --lifecycle-hook-name "$HOOK" --instance-id "$INSTANCE" --lifecycle-action-result CONTINUE
    exit 0
  fi
  sleep "$POLL_S"
done
