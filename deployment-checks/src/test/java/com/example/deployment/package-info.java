/**
 * The ECS deployment in {@code ecs-task-defs/}, checked without AWS: the template by cfn-lint, the
 * task and service definitions by botocore's ECS model, the deploy script's inputs and plan, a
 * rehearsal of the deploy against an AWS API emulator, and the cross-checks that tie the deployment
 * to the services' own configuration and behaviour, each shown to fail when its invariant is broken.
 */
package com.example.deployment;
