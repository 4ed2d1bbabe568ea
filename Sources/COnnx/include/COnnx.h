// Umbrella header for the protoc-c generated ONNX bindings.
#include <protobuf-c/protobuf-c.h>
#include "onnx.pb-c.h"
