package com.example.deployment;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.Buildable;
import tools.jackson.databind.JsonNode;

/**
 * Binds a JSON document, as given to {@code aws ... --cli-input-json}, to an AWS SDK for Java v2
 * request class, strictly: every member name must exist in the API model, every value must have the
 * member's type, and every enum value must be one the model knows. The SDK's generated classes carry
 * the service's API model (member names, marshalling types, list and map element types, enums);
 * they do not say which members are required, which {@link BotocoreModel} checks. Nothing here calls AWS.
 */
final class AwsApiModel {

    private AwsApiModel() {}

    /**
     * Binds a document to a request.
     *
     * @param document the JSON document
     * @param builder  a new builder of the request, e.g. {@code RegisterTaskDefinitionRequest::builder}
     * @param <T>      the request type
     * @return the request and every violation of the model found on the way
     */
    static <T> Binding<T> bind(JsonNode document, Supplier<? extends SdkPojo> builder) {
        List<String> problems = new ArrayList<>();
        @SuppressWarnings("unchecked")
        T request = (T) bindStructure(document, builder.get(), "$", problems);
        return new Binding<>(request, List.copyOf(problems));
    }

    /** A bound request and the model violations; the request is only meaningful without violations. */
    record Binding<T>(T request, List<String> problems) {}

    private static Object bindStructure(JsonNode node, SdkPojo builder, String path, List<String> problems) {
        if (!node.isObject()) {
            problems.add(path + ": expected an object, found " + node.getNodeType());
            return null;
        }
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        builder.sdkFields().forEach(field -> fields.put(field.locationName(), field));
        node.properties().forEach(entry -> {
            SdkField<?> field = fields.get(entry.getKey());
            if (field == null) {
                problems.add(path + ": unknown member '" + entry.getKey() + "'; the model has " + fields.keySet());
                return;
            }
            Object value = bindValue(entry.getValue(), field, path + "." + entry.getKey(), problems);
            if (value != null) {
                field.set(builder, value);
            }
        });
        Object built = ((Buildable) builder).build();
        checkEnums(built, path, problems);
        return built;
    }

    private static Object bindValue(JsonNode node, SdkField<?> field, String path, List<String> problems) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return expect(node.isString(), node, "a string", path, problems) ? node.asString() : null;
        }
        if (type == MarshallingType.INTEGER) {
            return expect(node.isIntegralNumber() && node.canConvertToInt(), node, "an integer", path, problems)
                    ? node.asInt()
                    : null;
        }
        if (type == MarshallingType.LONG) {
            return expect(node.isIntegralNumber() && node.canConvertToLong(), node, "an integer", path, problems)
                    ? node.asLong()
                    : null;
        }
        if (type == MarshallingType.BOOLEAN) {
            return expect(node.isBoolean(), node, "true or false", path, problems) ? node.asBoolean() : null;
        }
        if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT) {
            return expect(node.isNumber(), node, "a number", path, problems)
                    ? (type == MarshallingType.DOUBLE ? (Object) node.asDouble() : (Object) node.floatValue())
                    : null;
        }
        if (type == MarshallingType.LIST) {
            if (!expect(node.isArray(), node, "a list", path, problems)) {
                return null;
            }
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                values.add(bindValue(node.get(i), member, path + "[" + i + "]", problems));
            }
            return values;
        }
        if (type == MarshallingType.MAP) {
            if (!expect(node.isObject(), node, "a map", path, problems)) {
                return null;
            }
            SdkField<?> value = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> values = new LinkedHashMap<>();
            node.properties()
                    .forEach(entry -> values.put(
                            entry.getKey(), bindValue(entry.getValue(), value, path + "." + entry.getKey(), problems)));
            return values;
        }
        if (type == MarshallingType.SDK_POJO) {
            return bindStructure(node, field.constructor().get(), path, problems);
        }
        problems.add(path + ": marshalling type " + type + " is not checked by this test; extend AwsApiModel");
        return null;
    }

    private static boolean expect(boolean ok, JsonNode node, String what, String path, List<String> problems) {
        if (!ok) {
            problems.add(path + ": expected " + what + ", found " + node.getNodeType() + " " + node);
        }
        return ok;
    }

    /**
     * Enum members are strings on the wire; the SDK exposes them through typed getters that return
     * {@code UNKNOWN_TO_SDK_VERSION} for a value the model does not list.
     */
    private static void checkEnums(Object pojo, String path, List<String> problems) {
        for (Method getter : pojo.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Class<?> enumType = enumType(getter.getGenericReturnType());
            if (enumType == null) {
                continue;
            }
            Object value = invoke(getter, pojo);
            List<?> values = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
            for (Object element : values) {
                if (element instanceof Enum<?> constant && constant.name().equals("UNKNOWN_TO_SDK_VERSION")) {
                    String raw = String.valueOf(invoke(asStringGetter(pojo, getter), pojo));
                    problems.add(path + "." + getter.getName() + ": " + raw + " is not one of "
                            + List.of(enumType.getEnumConstants()).stream()
                                    .filter(c -> !((Enum<?>) c).name().equals("UNKNOWN_TO_SDK_VERSION"))
                                    .map(Object::toString)
                                    .toList());
                }
            }
        }
    }

    private static Class<?> enumType(Type type) {
        if (type instanceof Class<?> c && c.isEnum()) {
            return c;
        }
        if (type instanceof ParameterizedType p
                && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] instanceof Class<?> c
                && c.isEnum()) {
            return c;
        }
        return null;
    }

    private static Method asStringGetter(Object pojo, Method getter) {
        for (String name : List.of(getter.getName() + "AsString", getter.getName() + "AsStrings")) {
            try {
                return pojo.getClass().getMethod(name);
            } catch (NoSuchMethodException e) {
                // try the next spelling
            }
        }
        return getter;
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + method, e);
        }
    }
}
