/**
 * The invariants between the ECS deployment documents ({@code ecs-task-defs/}: task and service
 * definitions, scaling policies, {@code stack.yaml}, {@code deploy.sh}) and the services' own
 * configuration ({@code application.yaml}, products' spec), as plain code: {@code deploy.sh} runs
 * {@link com.example.deployment.DeploymentChecks} on the working copy before it changes anything, and the
 * module's tests show each invariant holding for the repository and failing on copies broken on purpose.
 */
package com.example.deployment;
