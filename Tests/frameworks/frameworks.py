"""The framework rows of the suite: for each Composio provider package, how to build its provider, what
its tool object is, which validator of the framework checks a converted schema, and how the framework
itself would invoke a tool without a language model.

Every framework import is inside the row's functions, so a package that is missing only fails its own
row. The providers' own source (site-packages/composio_*/ and composio/core/provider/) is the contract:
the comments say which call of it each step mirrors.
"""
from __future__ import annotations

import asyncio
import copy
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable

# ---------------------------------------------------------------------------------------------------
# Failures: one broken rule of one tool, with an RFC 6901 pointer into the tool's parameter schema.


@dataclass
class Failure:
    tool: str
    pointer: str
    message: str

    def as_dict(self) -> dict:
        return {"tool": self.tool, "pointer": self.pointer, "message": self.message}

    def __str__(self) -> str:
        return f"{self.tool} {self.pointer or '/'}: {self.message}"


def short(error: BaseException, limit: int = 300) -> str:
    text = f"{type(error).__name__}: {error}".replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pointer_from_dotted(path: str) -> str:
    """composio's strict-schema paths (`properties.attendees.items`) as a JSON pointer."""
    if not path:
        return ""
    parts = re.split(r"\.|(?=\[)", path)
    escaped = [part.strip("[]").replace("~", "~0").replace("/", "~1") for part in parts if part]
    return "/" + "/".join(escaped)


def meta_schema_failures(slug: str, schema: Any, base: str = "") -> list[Failure]:
    """The JSON Schema 2020-12 meta-schema: the only check for formats whose API takes JSON Schema as it is."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(jsonschema.Draft202012Validator.META_SCHEMA)
    return [Failure(slug, base + "/" + "/".join(str(part) for part in error.absolute_path), error.message)
            for error in validator.iter_errors(schema)]


def strict_failures(slug: str, schema: dict, base: str = "") -> list[Failure]:
    """`agents.strict_schema.ensure_strict_json_schema`: it must accept the schema and have nothing left to
    change (a schema it still rewrites is not strict as sent)."""
    from agents.strict_schema import ensure_strict_json_schema

    try:
        strict = ensure_strict_json_schema(copy.deepcopy(schema))
    except Exception as error:  # UserError, TypeError, ValueError
        return [Failure(slug, base, short(error))]
    difference = first_difference(schema, strict)
    if difference is not None:
        pointer, detail = difference
        return [Failure(slug, base + pointer, f"ensure_strict_json_schema still rewrites the schema: {detail}")]
    return []


def first_difference(before: Any, after: Any, pointer: str = "") -> tuple[str, str] | None:
    if isinstance(before, dict) and isinstance(after, dict):
        for key in sorted(set(before) | set(after)):
            here = f"{pointer}/{key}"
            if key not in before:
                return here, f"adds {json.dumps(after[key])[:80]}"
            if key not in after:
                return here, "removes it"
            if key == "required" and isinstance(before[key], list) and isinstance(after[key], list):
                if set(before[key]) != set(after[key]):
                    return here, f"required becomes {sorted(after[key])}"
                continue
            found = first_difference(before[key], after[key], here)
            if found:
                return found
        return None
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for index, (left, right) in enumerate(zip(before, after)):
            found = first_difference(left, right, f"{pointer}/{index}")
            if found:
                return found
        return None
    if before != after:
        return pointer, f"{json.dumps(before)[:80]} becomes {json.dumps(after)[:80]}"
    return None


# ---------------------------------------------------------------------------------------------------
# Invocation context and envelopes


@dataclass
class Call:
    """What an invocation needs: the row's Composio client and the user the suite connected."""

    composio: Any
    user_id: str


def envelope_of(result: Any) -> dict:
    """Composio's `{data, error, successful}` from what a framework handed back."""
    if isinstance(result, str):
        try:
            result = json.loads(result)
        except json.JSONDecodeError:
            return {"successful": False, "error": f"framework answered text: {result[:300]}", "data": None}
    if isinstance(result, dict) and "successful" in result:
        return result
    return {"successful": False, "error": f"unexpected result {type(result).__name__}: {str(result)[:300]}", "data": None}


# ---------------------------------------------------------------------------------------------------
# Rows


@dataclass
class Row:
    id: str
    package: str
    tool_object: str
    invocation: str
    validator: str
    make_provider: Callable[[], Any]
    name_of: Callable[[Any], str]
    validate: Callable[[Any], list[Failure]]
    invoke: Callable[[Call, Any, dict], dict]
    # The schema the framework shows the model, for strict rows (to send every omitted property as null).
    model_schema: Callable[[Any], dict | None] = lambda tool: None
    # Whether the tool was registered in strict mode; None where strict mode does not exist.
    is_strict: Callable[[Any], bool] | None = None
    # The argument names the framework passes on at all, where it drops the others silently.
    passes_only: Callable[[Any], set[str]] | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def strict_row(self) -> bool:
        return self.is_strict is not None


# --- openai: OpenAIProvider (Chat Completions) ------------------------------------------------------


def _openai_provider():
    from composio_openai import OpenAIProvider

    return OpenAIProvider()


def _openai_validate(tool: dict) -> list[Failure]:
    from openai.types.chat import ChatCompletionToolParam
    from pydantic import TypeAdapter

    slug = tool["function"]["name"]
    try:
        TypeAdapter(ChatCompletionToolParam).validate_python(tool, strict=True)
    except Exception as error:
        return [Failure(slug, "", short(error))]
    return meta_schema_failures(slug, tool["function"]["parameters"])


def _openai_invoke(call: Call, tool: dict, arguments: dict) -> dict:
    from openai.types.chat import ChatCompletion

    completion = ChatCompletion.model_validate({
        "id": "chatcmpl-frameworks", "object": "chat.completion", "created": 0, "model": "gpt-4o",
        "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
            "role": "assistant", "content": None,
            "tool_calls": [{"id": "call_0", "type": "function",
                            "function": {"name": tool["function"]["name"], "arguments": json.dumps(arguments)}}],
        }}],
    })
    results = call.composio.provider.handle_tool_calls(user_id=call.user_id, response=completion)
    return envelope_of(results[0] if results else None)


# --- openai_responses: OpenAIResponsesProvider (Responses API), strict off and on ---------------------


def _responses_provider(strict: bool):
    def make():
        from composio_openai import OpenAIResponsesProvider

        return OpenAIResponsesProvider(strict=strict)

    return make


def _responses_validate(tool: dict) -> list[Failure]:
    from openai.types.responses import FunctionToolParam
    from pydantic import TypeAdapter

    slug = tool["name"]
    try:
        TypeAdapter(FunctionToolParam).validate_python(tool, strict=True)
    except Exception as error:
        return [Failure(slug, "", short(error))]
    if tool["strict"]:
        return strict_failures(slug, tool["parameters"])
    return meta_schema_failures(slug, tool["parameters"])


def _responses_invoke(call: Call, tool: dict, arguments: dict) -> dict:
    from openai.types.responses import Response

    response = Response.model_validate({
        "id": "resp_frameworks", "object": "response", "created_at": 0, "model": "gpt-4o",
        "parallel_tool_calls": True, "tool_choice": "auto", "tools": [],
        "output": [{"type": "function_call", "id": "fc_0", "call_id": "call_0", "name": tool["name"],
                    "arguments": json.dumps(arguments), "status": "completed"}],
    })
    results = call.composio.provider.handle_tool_calls(user_id=call.user_id, response=response)
    return envelope_of(results[0] if results else None)


# --- openai_agents: OpenAIAgentsProvider, strict off and on ------------------------------------------


def _agents_provider(strict: bool):
    def make():
        from composio_openai_agents import OpenAIAgentsProvider

        return OpenAIAgentsProvider(strict=strict)

    return make


def _agents_validate(tool) -> list[Failure]:
    # FunctionTool.__post_init__ already ran ensure_strict_json_schema on a strict tool; running it again
    # must change nothing. A non-strict tool goes to the model as it is.
    if tool.strict_json_schema:
        return strict_failures(tool.name, tool.params_json_schema)
    return meta_schema_failures(tool.name, tool.params_json_schema)


def _agents_invoke(call: Call, tool, arguments: dict) -> dict:
    from agents.tool_context import ToolContext

    payload = json.dumps(arguments)
    context = ToolContext(context=None, tool_name=tool.name, tool_call_id="call_0", tool_arguments=payload)
    return envelope_of(asyncio.run(tool.on_invoke_tool(context, payload)))


# --- anthropic: AnthropicProvider --------------------------------------------------------------------


def _anthropic_provider():
    from composio_anthropic import AnthropicProvider

    return AnthropicProvider()


def _anthropic_validate(tool: dict) -> list[Failure]:
    from anthropic.types import ToolParam
    from pydantic import TypeAdapter

    slug = tool["name"]
    try:
        TypeAdapter(ToolParam).validate_python(tool)
    except Exception as error:
        return [Failure(slug, "", short(error))]
    return meta_schema_failures(slug, tool["input_schema"])


def _anthropic_invoke(call: Call, tool: dict, arguments: dict) -> dict:
    from anthropic.types import Message

    message = Message.model_validate({
        "id": "msg_frameworks", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
        "stop_reason": "tool_use", "stop_sequence": None, "usage": {"input_tokens": 1, "output_tokens": 1},
        "content": [{"type": "tool_use", "id": "toolu_0", "name": tool["name"], "input": arguments}],
    })
    results = call.composio.provider.handle_tool_calls(user_id=call.user_id, response=message)
    return envelope_of(results[0] if results else None)


# --- langchain / langgraph: StructuredTool ------------------------------------------------------------


def _langchain_provider():
    from composio_langchain import LangchainProvider

    return LangchainProvider()


def _langgraph_provider():
    from composio_langgraph import LanggraphProvider

    return LanggraphProvider()


def _structured_tool_validate(tool) -> list[Failure]:
    # The args_schema model must build and give a JSON schema, and bind_tools' conversion must accept it.
    from langchain_core.utils.function_calling import convert_to_openai_tool

    try:
        tool.args_schema.model_json_schema()
        converted = convert_to_openai_tool(tool)
    except Exception as error:
        return [Failure(tool.name, "", short(error))]
    return meta_schema_failures(tool.name, converted["function"]["parameters"])


def _langchain_invoke(call: Call, tool, arguments: dict) -> dict:
    return envelope_of(tool.invoke(arguments))


def _langgraph_invoke(call: Call, tool, arguments: dict) -> dict:
    # LangGraph runs tools in a graph's ToolNode: the AIMessage's tool call in, a ToolMessage out. A graph
    # of that one node stands in for the agent loop without a model.
    from langchain_core.messages import AIMessage
    from langgraph.graph import END, START, MessagesState, StateGraph
    from langgraph.prebuilt import ToolNode

    graph = StateGraph(MessagesState)
    graph.add_node("tools", ToolNode([tool], handle_tool_errors=True))
    graph.add_edge(START, "tools")
    graph.add_edge("tools", END)
    message = AIMessage(content="", tool_calls=[{"name": tool.name, "args": arguments, "id": "call_0", "type": "tool_call"}])
    output = graph.compile().invoke({"messages": [message]})
    tool_message = output["messages"][-1]
    if getattr(tool_message, "status", "success") == "error":
        return {"successful": False, "error": str(tool_message.content)[:500], "data": None}
    return envelope_of(tool_message.content)


# --- llamaindex: FunctionTool ---------------------------------------------------------------------------


def _llamaindex_provider():
    from composio_llamaindex import LlamaIndexProvider

    return LlamaIndexProvider()


def _llamaindex_validate(tool) -> list[Failure]:
    name = tool.metadata.get_name()
    try:
        tool.metadata.fn_schema.model_json_schema()
        converted = tool.metadata.to_openai_tool()
    except Exception as error:
        return [Failure(name, "", short(error))]
    return meta_schema_failures(name, converted["function"]["parameters"])


def _llamaindex_invoke(call: Call, tool, arguments: dict) -> dict:
    output = tool.call(**arguments)
    return envelope_of(output.raw_output)


# --- crewai: BaseTool ---------------------------------------------------------------------------------


def _crewai_provider():
    from composio_crewai import CrewAIProvider

    return CrewAIProvider()


def _crewai_validate(tool) -> list[Failure]:
    # What crewai sends to an LLM with native function calling (convert_tools_to_openai_schema), which
    # swallows a failure of generate_model_description into empty parameters: call it directly.
    from crewai.utilities.pydantic_schema_utils import generate_model_description

    try:
        tool.args_schema.model_json_schema()
        description = generate_model_description(tool.args_schema, strip_null_types=False)
    except Exception as error:
        return [Failure(tool.name, "", short(error))]
    return meta_schema_failures(tool.name, description["json_schema"]["schema"])


def _crewai_invoke(call: Call, tool, arguments: dict) -> dict:
    return envelope_of(tool.run(**arguments))


# --- google: GoogleProvider (Vertex AI SDK) -------------------------------------------------------------


def _google_provider():
    from composio_google import GoogleProvider

    return GoogleProvider()


def _google_validate(declaration) -> list[Failure]:
    # The FunctionDeclaration already holds its proto (the constructor converts the schema); it must go
    # into a Tool and serialise as the request would.
    from vertexai.generative_models import Tool

    name = declaration._raw_function_declaration.name
    try:
        tool = Tool(function_declarations=[declaration])
        raw = tool._raw_tool
        type(raw).serialize(raw)
        declaration.to_dict()
    except Exception as error:
        return [Failure(name, "", short(error))]
    return []


def _google_invoke(call: Call, declaration, arguments: dict) -> dict:
    from vertexai.generative_models import GenerationResponse

    response = GenerationResponse.from_dict({"candidates": [{"content": {"role": "model", "parts": [
        {"function_call": {"name": declaration._raw_function_declaration.name, "args": arguments}}]}}]})
    results = call.composio.provider.handle_response(user_id=call.user_id, response=response)
    return envelope_of(results[0] if results else None)


def vertex_probe(slug: str, parameters: dict) -> list[Failure]:
    """Where a schema breaks Vertex's FunctionDeclaration: every node, and every keyword of a failing node,
    tried alone through the real constructor. `parameters` is what GoogleProvider.wrap_tool passes."""
    from vertexai.generative_models import FunctionDeclaration

    def accepts(node: dict) -> str | None:
        try:
            FunctionDeclaration(name="probe", parameters={"type": "object", "properties": {"p": node}})
            return None
        except Exception as error:
            return short(error, 200)

    failures: list[Failure] = []

    def visit(node: Any, pointer: str) -> None:
        if not isinstance(node, dict):
            return
        bare = {key: value for key, value in node.items() if key not in ("properties", "items", "anyOf", "additionalProperties")}
        if "properties" in node:
            bare["properties"] = {}
        error = accepts(bare)
        if error:
            safe_type = node.get("type") if isinstance(node.get("type"), str) else "string"
            blamed = False
            for key, value in bare.items():
                probe = {"type": safe_type, key: value} if key != "type" else {key: value}
                key_error = accepts(probe)
                if key_error:
                    failures.append(Failure(slug, f"{pointer}/{key}", key_error))
                    blamed = True
            if not blamed:
                failures.append(Failure(slug, pointer, error))
        for name, child in (node.get("properties") or {}).items() if isinstance(node.get("properties"), dict) else ():
            visit(child, f"{pointer}/properties/{name}")
        if isinstance(node.get("items"), dict):
            visit(node["items"], f"{pointer}/items")
        for index, branch in enumerate(node.get("anyOf") or []):
            visit(branch, f"{pointer}/anyOf/{index}")
        if isinstance(node.get("additionalProperties"), dict):
            visit(node["additionalProperties"], f"{pointer}/additionalProperties")

    for name, child in (parameters.get("properties") or {}).items():
        visit(child, f"/properties/{name}")
    if not failures:
        try:
            FunctionDeclaration(name=slug, parameters=parameters)
        except Exception as error:
            failures.append(Failure(slug, "", short(error)))
    return failures


def google_parameters(raw_tool) -> dict:
    """The parameters GoogleProvider.wrap_tool builds from a tool (its code, without the constructor)."""
    from composio.utils.json_schema import dereference_json_schema

    schema = dereference_json_schema(raw_tool.input_parameters, on_unresolved="sentinel")
    properties = schema.get("properties", {})
    return {
        "type": "object",
        "properties": {name: {k: v for k, v in prop.items() if k != "examples"} for name, prop in properties.items()},
        "required": schema.get("required", []),
    }


# --- gemini: GeminiProvider (google-genai) --------------------------------------------------------------


class _GeminiApiClient:
    """What FunctionDeclaration.from_callable reads of a google-genai client: which API it talks to."""

    vertexai = False


def _gemini_provider():
    from composio_gemini import GeminiProvider

    return GeminiProvider()


def _gemini_validate(function) -> list[Failure]:
    # google-genai turns a callable in GenerateContentConfig(tools=[...]) into a declaration with
    # t_tool: FunctionDeclaration.from_callable(client=..., callable=..., use_json_schema=True) in a Tool.
    from google.genai import types

    try:
        declaration = types.FunctionDeclaration.from_callable(client=_GeminiApiClient(), callable=function,
                                                              use_json_schema=True)
        tool = types.Tool(function_declarations=[declaration])
        json.dumps(tool.model_dump(mode="json", exclude_none=True))
    except Exception as error:
        return [Failure(function.__name__, "", short(error))]
    return []


def _gemini_invoke(call: Call, function, arguments: dict) -> dict:
    # Automatic function calling runs a call the model returned with invoke_function_from_dict_args: the
    # arguments are converted along the callable's signature (names it does not list are dropped), then
    # the callable runs. The provider answers the data, or {"error", "details": envelope}.
    from google.genai import _extra_utils

    result = _extra_utils.invoke_function_from_dict_args(copy.deepcopy(arguments), function)
    if isinstance(result, dict) and "error" in result and "details" in result:
        return envelope_of(result["details"])
    return {"successful": True, "error": None, "data": result}


def _gemini_signature_names(function) -> set[str]:
    import inspect

    return set(inspect.signature(function).parameters)


# ---------------------------------------------------------------------------------------------------

ROWS: list[Row] = [
    Row("openai", "composio-openai", "dict (ChatCompletionToolParam)",
        "provider.handle_tool_calls(user_id, ChatCompletion with a tool call)",
        "openai ChatCompletionToolParam shape + JSON Schema 2020-12 meta-schema",
        _openai_provider, lambda tool: tool["function"]["name"], _openai_validate, _openai_invoke),
    Row("openai_responses", "composio-openai", "dict (Responses FunctionToolParam, strict false)",
        "provider.handle_tool_calls(user_id, Response with a function_call item)",
        "openai FunctionToolParam shape + JSON Schema 2020-12 meta-schema",
        _responses_provider(False), lambda tool: tool["name"], _responses_validate, _responses_invoke),
    Row("openai_responses_strict", "composio-openai", "dict (Responses FunctionToolParam, strict true)",
        "provider.handle_tool_calls(user_id, Response with a function_call item), omitted parameters sent as null",
        "openai FunctionToolParam shape + agents ensure_strict_json_schema (nothing left to rewrite) on strict tools",
        _responses_provider(True), lambda tool: tool["name"], _responses_validate, _responses_invoke,
        model_schema=lambda tool: tool["parameters"] if tool["strict"] else None,
        is_strict=lambda tool: bool(tool["strict"])),
    Row("openai_agents", "composio-openai-agents", "agents.FunctionTool (strict_json_schema false)",
        "await tool.on_invoke_tool(ToolContext, json arguments)",
        "JSON Schema 2020-12 meta-schema (non-strict tools go as they are)",
        _agents_provider(False), lambda tool: tool.name, _agents_validate, _agents_invoke),
    Row("openai_agents_strict", "composio-openai-agents", "agents.FunctionTool (strict_json_schema true)",
        "await tool.on_invoke_tool(ToolContext, json arguments), omitted parameters sent as null",
        "agents ensure_strict_json_schema (nothing left to rewrite) on strict tools",
        _agents_provider(True), lambda tool: tool.name, _agents_validate, _agents_invoke,
        model_schema=lambda tool: tool.params_json_schema if tool.strict_json_schema else None,
        is_strict=lambda tool: bool(tool.strict_json_schema)),
    Row("anthropic", "composio-anthropic", "dict (anthropic ToolParam)",
        "provider.handle_tool_calls(user_id, Message with a tool_use block)",
        "anthropic ToolParam shape + JSON Schema 2020-12 meta-schema",
        _anthropic_provider, lambda tool: tool["name"], _anthropic_validate, _anthropic_invoke),
    Row("langchain", "composio-langchain", "StructuredTool (args_schema: pydantic model)",
        "tool.invoke(arguments)",
        "args_schema.model_json_schema() + langchain convert_to_openai_tool (bind_tools)",
        _langchain_provider, lambda tool: tool.name, _structured_tool_validate, _langchain_invoke),
    Row("langgraph", "composio-langgraph", "StructuredTool (args_schema: pydantic model)",
        "langgraph.prebuilt.ToolNode([tool]).invoke({messages: [AIMessage with a tool call]})",
        "args_schema.model_json_schema() + langchain convert_to_openai_tool (bind_tools)",
        _langgraph_provider, lambda tool: tool.name, _structured_tool_validate, _langgraph_invoke),
    Row("llamaindex", "composio-llamaindex", "llama_index FunctionTool (fn_schema from the signature)",
        "tool.call(**arguments)",
        "metadata.fn_schema.model_json_schema() + metadata.to_openai_tool()",
        _llamaindex_provider, lambda tool: tool.metadata.get_name(), _llamaindex_validate, _llamaindex_invoke),
    Row("crewai", "composio-crewai", "crewai BaseTool (args_schema: pydantic model)",
        "tool.run(**arguments)",
        "args_schema.model_json_schema() + crewai generate_model_description (its native function calling)",
        _crewai_provider, lambda tool: tool.name, _crewai_validate, _crewai_invoke),
    Row("google", "composio-google", "vertexai FunctionDeclaration (proto built on construction)",
        "provider.handle_response(user_id, GenerationResponse with a function_call part)",
        "vertexai FunctionDeclaration (proto) + Tool(function_declarations=[…]) serialised",
        _google_provider, lambda declaration: declaration._raw_function_declaration.name, _google_validate, _google_invoke),
    Row("gemini", "composio-gemini", "Python callable (signature from the schema) for automatic function calling",
        "google.genai automatic function calling: _extra_utils.invoke_function_from_dict_args(args, callable)",
        "google.genai FunctionDeclaration.from_callable(use_json_schema=True) + types.Tool",
        _gemini_provider, lambda function: function.__name__, _gemini_validate, _gemini_invoke,
        passes_only=_gemini_signature_names),
]

ROWS_BY_ID = {row.id: row for row in ROWS}
