package com.example.deployment;

import java.util.List;
import java.util.Map;

/**
 * The sample inputs of a deployment: what an operator would pass to {@code deploy.sh}, and the same
 * values as the CloudFormation parameters that {@code deploy.sh} derives from them.
 */
final class SampleDeployment {

    static final Map<String, String> DEPLOY_ENVIRONMENT = Map.of(
            "AWS_REGION", "eu-west-1",
            "AWS_ACCOUNT_ID", "123456789012",
            "ECS_CLUSTER", "contract-first",
            "VPC_ID", "vpc-0123456789abcdef0",
            "PRIVATE_SUBNET_1", "subnet-0aaaaaaaaaaaaaaa1",
            "PRIVATE_SUBNET_2", "subnet-0bbbbbbbbbbbbbbb2",
            "PRODUCTS_INGRESS_CIDR", "10.0.0.0/16",
            "IMAGE_TAG", "1.0.0");

    static final Map<String, Object> STACK_PARAMETERS = Map.of(
            "VpcId", DEPLOY_ENVIRONMENT.get("VPC_ID"),
            "PrivateSubnetIds",
                    List.of(DEPLOY_ENVIRONMENT.get("PRIVATE_SUBNET_1"), DEPLOY_ENVIRONMENT.get("PRIVATE_SUBNET_2")),
            "ProductsIngressCidr", DEPLOY_ENVIRONMENT.get("PRODUCTS_INGRESS_CIDR"));

    private SampleDeployment() {}
}
