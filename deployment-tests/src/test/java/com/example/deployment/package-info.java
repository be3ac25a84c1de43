/**
 * Offline validation of the ECS deployment in {@code ecs-task-defs/}: the task and service
 * definitions against the ECS API models, the CloudFormation template against CloudFormation's
 * resource schemas, the deploy script's dry run and real run (against a fake {@code aws}), the
 * image user in the services' poms, and the cross-checks that tie the deployment to the services' own configuration and
 * behaviour, each shown to fail when its invariant is broken.
 */
package com.example.deployment;
