"""Validates an ECS (or another AWS service's) request (standard input, JSON) against botocore's model of the operation given
as the first argument, as the AWS CLI does for --cli-input-json (names, required members, types,
lengths and ranges), and also checks enum values, which the CLI leaves to the service.
Prints one problem per line and exits 1 when there is any."""
import json
import sys

import botocore.session
from botocore.validate import ParamValidator


def enum_problems(shape, value, path):
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, member in value.items():
            if name in shape.members:
                yield from enum_problems(shape.members[name], member, f"{path}.{name}")
    elif shape.type_name == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            yield from enum_problems(shape.member, item, f"{path}[{index}]")
    elif shape.type_name == "map" and isinstance(value, dict):
        for key, item in value.items():
            yield from enum_problems(shape.value, item, f"{path}.{key}")
    elif shape.type_name == "string" and shape.enum and isinstance(value, str) and value not in shape.enum:
        yield f"{path}: {value!r} is not one of {shape.enum}"


# "RegisterTaskDefinition" (ECS) or "service:Operation", e.g. "application-autoscaling:PutScalingPolicy".
service, _, operation = sys.argv[1].rpartition(":")
document = json.load(sys.stdin)
shape = botocore.session.get_session().get_service_model(service or "ecs").operation_model(operation).input_shape
report = ParamValidator().validate(document, shape)
problems = report.generate_report().splitlines() if report.has_errors() else []
problems += enum_problems(shape, document, "$")
print("\n".join(problems))
sys.exit(1 if problems else 0)
