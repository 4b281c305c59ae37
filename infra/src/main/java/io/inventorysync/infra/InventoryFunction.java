package io.inventorysync.infra;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

import java.util.Map;

/**
 * One Lambda function of the product: {@code java25} on arm64, SnapStart on published versions,
 * an alias {@code live} that every trigger and route uses, its own log group with retention, and a
 * role with no managed policy: it may write its own logs, and receives the rest by grants.
 */
public final class InventoryFunction extends Construct {
    private final Function function;
    private final Alias alias;

    /** What differs between the functions. */
    public record Spec(String handler, int memoryMb, Duration timeout, Map<String, String> environment) {
        /** The handler's class, without package or method: what names its jar. */
        String handlerClass() {
            String type = handler.substring(0, handler.indexOf("::"));
            return type.substring(type.lastIndexOf('.') + 1);
        }
    }

    public InventoryFunction(Construct scope, String id, StackSettings settings, Spec spec) {
        super(scope, id);
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(settings.isProd() ? RetentionDays.ONE_YEAR : RetentionDays.TWO_WEEKS)
                .removalPolicy(settings.isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("inventory-sync " + id + ": its own logs, plus what the stack grants")
                .build();
        logs.grantWrite(role);
        this.function = Function.Builder.create(this, "Resource")
                .runtime(settings.localstack() ? Runtime.JAVA_21 : Runtime.JAVA_25)
                .architecture(settings.localstack() ? Architecture.X86_64 : Architecture.ARM_64)
                .code(Code.fromAsset(settings.functionJar(spec.handlerClass()).toString()))
                .handler(spec.handler())
                .memorySize(spec.memoryMb())
                .timeout(spec.timeout())
                .role(role)
                .logGroup(logs)
                .snapStart(settings.localstack() ? null : SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(spec.environment())
                .build();
        this.alias = Alias.Builder.create(this, "Live")
                .aliasName("live")
                .version(function.getCurrentVersion())
                .build();
        // The alias publishes a version on every code or configuration change: SnapStart applies to it.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "the live alias points at function.currentVersion, a published version");
    }

    public Function function() {
        return function;
    }

    /** What triggers, routes and grants use: the SnapStart-enabled published version. */
    public Alias alias() {
        return alias;
    }
}
